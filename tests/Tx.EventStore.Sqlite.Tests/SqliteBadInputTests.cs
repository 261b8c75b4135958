using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteBadInputTests(SqliteProviderFixture fixture) : BadInputComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

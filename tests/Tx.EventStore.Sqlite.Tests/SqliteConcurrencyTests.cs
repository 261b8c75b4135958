using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteConcurrencyTests(SqliteProviderFixture fixture) : ConcurrencyComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

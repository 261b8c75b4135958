using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteGlobalOrderTests(SqliteProviderFixture fixture) : GlobalOrderComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

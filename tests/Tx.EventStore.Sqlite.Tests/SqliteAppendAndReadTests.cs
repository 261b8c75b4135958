using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteAppendAndReadTests(SqliteProviderFixture fixture) : AppendAndReadComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteSnapshotTests(SqliteProviderFixture fixture) : SnapshotComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

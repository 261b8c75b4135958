using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteRetentionTests(SqliteProviderFixture fixture) : RetentionComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

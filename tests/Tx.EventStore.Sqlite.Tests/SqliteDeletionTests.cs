using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteDeletionTests(SqliteProviderFixture fixture) : DeletionComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

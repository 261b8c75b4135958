using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteIdempotencyTests(SqliteProviderFixture fixture) : IdempotencyComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;

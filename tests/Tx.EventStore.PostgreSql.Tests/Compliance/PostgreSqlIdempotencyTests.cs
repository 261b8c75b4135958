using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlIdempotencyTests(PostgreSqlProviderFixture fixture) : IdempotencyComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

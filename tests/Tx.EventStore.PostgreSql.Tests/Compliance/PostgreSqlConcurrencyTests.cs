using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlConcurrencyTests(PostgreSqlProviderFixture fixture) : ConcurrencyComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

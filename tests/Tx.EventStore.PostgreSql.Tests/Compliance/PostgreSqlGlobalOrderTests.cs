using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlGlobalOrderTests(PostgreSqlProviderFixture fixture) : GlobalOrderComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

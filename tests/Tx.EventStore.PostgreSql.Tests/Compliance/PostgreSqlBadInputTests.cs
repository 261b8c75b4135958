using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlBadInputTests(PostgreSqlProviderFixture fixture) : BadInputComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

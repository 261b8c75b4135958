using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlAppendAndReadTests(PostgreSqlProviderFixture fixture) : AppendAndReadComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

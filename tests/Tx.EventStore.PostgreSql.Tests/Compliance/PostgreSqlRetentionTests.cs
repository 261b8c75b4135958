using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlRetentionTests(PostgreSqlProviderFixture fixture) : RetentionComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlSnapshotTests(PostgreSqlProviderFixture fixture) : SnapshotComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlDeletionTests(PostgreSqlProviderFixture fixture) : DeletionComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

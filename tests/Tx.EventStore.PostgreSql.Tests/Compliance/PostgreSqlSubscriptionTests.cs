using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

public sealed class PostgreSqlSubscriptionTests(PostgreSqlProviderFixture fixture) : SubscriptionComplianceTests(fixture), IClassFixture<PostgreSqlProviderFixture>;

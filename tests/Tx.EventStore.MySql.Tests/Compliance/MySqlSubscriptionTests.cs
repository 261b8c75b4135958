using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlSubscriptionTests(MySqlProviderFixture fixture) : SubscriptionComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

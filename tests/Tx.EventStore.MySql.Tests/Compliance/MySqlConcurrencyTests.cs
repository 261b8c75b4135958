using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlConcurrencyTests(MySqlProviderFixture fixture) : ConcurrencyComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlGlobalOrderTests(MySqlProviderFixture fixture) : GlobalOrderComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

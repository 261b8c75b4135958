using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlBadInputTests(MySqlProviderFixture fixture) : BadInputComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

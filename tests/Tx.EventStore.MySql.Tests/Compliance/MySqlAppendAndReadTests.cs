using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlAppendAndReadTests(MySqlProviderFixture fixture) : AppendAndReadComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

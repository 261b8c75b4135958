using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlSnapshotTests(MySqlProviderFixture fixture) : SnapshotComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlRetentionTests(MySqlProviderFixture fixture) : RetentionComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

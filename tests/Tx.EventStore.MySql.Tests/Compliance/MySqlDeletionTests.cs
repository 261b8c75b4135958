using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlDeletionTests(MySqlProviderFixture fixture) : DeletionComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;

using Tx.EventStore.ComplianceTests;
using Tx.EventStore.ComplianceTests.Gating;

namespace Tx.EventStore.MongoDB.Tests.Compliance;

[RequiresEnvironment("TX_MONGODB_URL", "MongoDB")]
public sealed class MongoDbSnapshotTests(MongoDbProviderFixture fixture) : SnapshotComplianceTests(fixture), IClassFixture<MongoDbProviderFixture>;

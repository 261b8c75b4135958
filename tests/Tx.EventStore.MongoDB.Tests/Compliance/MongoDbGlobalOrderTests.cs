using Tx.EventStore.ComplianceTests;
using Tx.EventStore.ComplianceTests.Gating;

namespace Tx.EventStore.MongoDB.Tests.Compliance;

[RequiresEnvironment("TX_MONGODB_URL", "MongoDB")]
public sealed class MongoDbGlobalOrderTests(MongoDbProviderFixture fixture) : GlobalOrderComplianceTests(fixture), IClassFixture<MongoDbProviderFixture>;

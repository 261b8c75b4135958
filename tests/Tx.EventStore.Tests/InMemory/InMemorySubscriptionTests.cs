using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemorySubscriptionTests(InMemoryProviderFixture fixture) : SubscriptionComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

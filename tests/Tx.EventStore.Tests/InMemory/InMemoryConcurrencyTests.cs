using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemoryConcurrencyTests(InMemoryProviderFixture fixture) : ConcurrencyComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

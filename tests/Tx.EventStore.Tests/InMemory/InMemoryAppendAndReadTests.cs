using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemoryAppendAndReadTests(InMemoryProviderFixture fixture) : AppendAndReadComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

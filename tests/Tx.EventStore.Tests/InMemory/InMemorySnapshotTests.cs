using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemorySnapshotTests(InMemoryProviderFixture fixture) : SnapshotComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

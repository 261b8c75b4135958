using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemoryDeletionTests(InMemoryProviderFixture fixture) : DeletionComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

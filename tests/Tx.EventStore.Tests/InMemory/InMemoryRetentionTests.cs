using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemoryRetentionTests(InMemoryProviderFixture fixture) : RetentionComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

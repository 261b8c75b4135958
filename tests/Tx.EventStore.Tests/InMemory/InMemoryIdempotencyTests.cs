using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemoryIdempotencyTests(InMemoryProviderFixture fixture) : IdempotencyComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

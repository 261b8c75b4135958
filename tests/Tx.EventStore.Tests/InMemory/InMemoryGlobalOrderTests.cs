using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemoryGlobalOrderTests(InMemoryProviderFixture fixture) : GlobalOrderComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

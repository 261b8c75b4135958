using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Tests.InMemory;

public sealed class InMemoryBadInputTests(InMemoryProviderFixture fixture) : BadInputComplianceTests(fixture), IClassFixture<InMemoryProviderFixture>;

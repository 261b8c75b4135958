using System.Collections.Concurrent;
using Tx.EventStore.ComplianceTests;
using Tx.EventStore.InMemory;
using Tx.EventStore.Providers;

namespace Tx.EventStore.Tests.InMemory;

/// <summary>In-memory storage is the provider instance itself: the same store name returns the same instance.</summary>
public sealed class InMemoryProviderFixture : EventStoreProviderFixture
{
    private readonly ConcurrentDictionary<string, InMemoryEventStoreProvider> _stores = new();

    public override ValueTask<IEventStoreProvider> CreateProviderAsync(ProviderTestOptions options)
    {
        var provider = _stores.GetOrAdd(options.StoreName, _ => new InMemoryEventStoreProvider());
        provider.BeforeCommit = options.BeforeCommit;
        return ValueTask.FromResult<IEventStoreProvider>(provider);
    }
}

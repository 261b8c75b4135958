using System.Collections.Concurrent;
using Tx.EventStore.Providers;

namespace Tx.EventStore.InMemory;

internal sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, long> _checkpoints = new(StringComparer.Ordinal);

    public ValueTask<long?> LoadAsync(string subscriptionName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_checkpoints.TryGetValue(subscriptionName, out long position) ? position : (long?)null);

    public ValueTask SaveAsync(string subscriptionName, long position, CancellationToken cancellationToken = default)
    {
        _checkpoints[subscriptionName] = position;
        return ValueTask.CompletedTask;
    }
}

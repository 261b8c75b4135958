using System.Collections.Concurrent;
using Tx.EventStore.Providers;

namespace Tx.EventStore.InMemory;

internal sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly ConcurrentDictionary<string, SnapshotRecord> _snapshots = new(StringComparer.Ordinal);

    public ValueTask SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default)
    {
        var copy = snapshot with { Data = snapshot.Data.ToArray() };
        _snapshots.AddOrUpdate(snapshot.StreamId, copy, (_, existing) => existing.StreamVersion > copy.StreamVersion ? existing : copy);
        return ValueTask.CompletedTask;
    }

    public ValueTask<SnapshotRecord?> LoadAsync(string streamId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_snapshots.GetValueOrDefault(streamId));

    public ValueTask DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        _snapshots.TryRemove(streamId, out _);
        return ValueTask.CompletedTask;
    }
}

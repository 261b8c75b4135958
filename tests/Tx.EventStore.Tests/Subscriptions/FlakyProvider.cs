using Tx.EventStore.Appending;
using Tx.EventStore.InMemory;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests.Subscriptions;

/// <summary>An in-memory provider whose global reads and checkpoint loads fail a given number of times (a store outage).</summary>
internal sealed class FlakyProvider(int failures) : IEventStoreProvider, ICheckpointStore
{
    private readonly InMemoryEventStoreProvider _inner = new();
    private int _failuresLeft = failures;

    public ISnapshotStore Snapshots => _inner.Snapshots;

    public ICheckpointStore Checkpoints => this;

    public int Failed { get; private set; }

    public ValueTask MigrateAsync(CancellationToken cancellationToken = default) => _inner.MigrateAsync(cancellationToken);

    public ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, CancellationToken cancellationToken = default) =>
        _inner.AppendAsync(streamId, expectedVersion, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion, ReadDirection direction, int maxCount, CancellationToken cancellationToken = default) =>
        _inner.ReadStreamAsync(streamId, fromVersion, direction, maxCount, cancellationToken);

    public ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        Fail();
        return _inner.ReadAllAsync(afterPosition, maxCount, cancellationToken);
    }

    public ValueTask<long> GetHeadPositionAsync(CancellationToken cancellationToken = default) => _inner.GetHeadPositionAsync(cancellationToken);

    public ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default) => _inner.GetStreamInfoAsync(streamId, cancellationToken);

    public ValueTask<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default) => _inner.FindEventAsync(eventId, cancellationToken);

    public ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, UncommittedEvent tombstone, CancellationToken cancellationToken = default) =>
        _inner.DeleteStreamAsync(streamId, expectedVersion, tombstone, cancellationToken);

    public ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default) =>
        _inner.TruncateStreamAsync(streamId, beforeVersion, cancellationToken);

    ValueTask<long?> ICheckpointStore.LoadAsync(string subscriptionName, CancellationToken cancellationToken)
    {
        Fail();
        return _inner.Checkpoints.LoadAsync(subscriptionName, cancellationToken);
    }

    ValueTask ICheckpointStore.SaveAsync(string subscriptionName, long position, CancellationToken cancellationToken) =>
        _inner.Checkpoints.SaveAsync(subscriptionName, position, cancellationToken);

    private void Fail()
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Failed++;
            throw new InvalidOperationException("Simulated store outage.");
        }
    }
}

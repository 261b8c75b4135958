using System.Runtime.CompilerServices;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.InMemory;

/// <summary>
/// A provider that keeps everything in process memory: for tests, samples and single-process tools.
/// One writer at a time assigns versions and positions and publishes the events atomically, so the
/// global order has no gaps and readers never overtake a writer.
/// </summary>
public sealed class InMemoryEventStoreProvider : IEventStoreProvider
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _sync = new();
    private readonly Dictionary<string, StreamEntry> _streams = new(StringComparer.Ordinal);
    private readonly List<RecordedEvent?> _log = [];
    private readonly Dictionary<Guid, RecordedEvent> _byId = [];

    /// <summary>Initializes a new instance of the <see cref="InMemoryEventStoreProvider"/> class.</summary>
    public InMemoryEventStoreProvider()
    {
        Snapshots = new InMemorySnapshotStore();
        Checkpoints = new InMemoryCheckpointStore();
    }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public ICheckpointStore Checkpoints { get; }

    /// <summary>Gets or sets a test hook awaited inside an append after positions are assigned, before the events become visible.</summary>
    internal Func<CancellationToken, ValueTask>? BeforeCommit { get; set; }

    /// <inheritdoc />
    public ValueTask MigrateAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, CancellationToken cancellationToken = default) =>
        WriteAsync(streamId, expectedVersion, events, delete: false, cancellationToken);

    /// <inheritdoc />
    public ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, UncommittedEvent tombstone, CancellationToken cancellationToken = default) =>
        WriteAsync(streamId, expectedVersion, [tombstone], delete: true, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion, ReadDirection direction, int maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RecordedEvent[] slice;
        lock (_sync)
        {
            if (!_streams.TryGetValue(streamId, out var stream))
            {
                yield break;
            }

            if (stream.Deleted)
            {
                throw new StreamDeletedException(streamId);
            }

            slice = Slice(stream.Events, fromVersion, direction, maxCount);
        }

        foreach (var recorded in slice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return recorded;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        var page = new List<RecordedEvent>(Math.Min(maxCount, 1024));
        lock (_sync)
        {
            for (long i = Math.Max(0, afterPosition); i < _log.Count && page.Count < maxCount; i++)
            {
                if (_log[(int)i] is { } recorded)
                {
                    page.Add(recorded);
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<RecordedEvent>>(page);
    }

    /// <inheritdoc />
    public ValueTask<long> GetHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult((long)_log.Count);
        }
    }

    /// <inheritdoc />
    public ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(_streams.TryGetValue(streamId, out var stream)
                ? new StreamInfo(streamId, stream.Events.Count, stream.Deleted)
                : new StreamInfo(streamId, 0, false));
        }
    }

    /// <inheritdoc />
    public ValueTask<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(_byId.GetValueOrDefault(eventId));
        }
    }

    /// <inheritdoc />
    public ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default)
    {
        long removed = 0;
        lock (_sync)
        {
            if (_streams.TryGetValue(streamId, out var stream))
            {
                int end = (int)Math.Min(stream.Events.Count, beforeVersion - 1);
                for (int i = 0; i < end; i++)
                {
                    if (stream.Events[i] is { } recorded)
                    {
                        stream.Events[i] = null;
                        _log[(int)(recorded.Position - 1)] = null;
                        _byId.Remove(recorded.EventId);
                        removed++;
                    }
                }
            }
        }

        return ValueTask.FromResult(removed);
    }

    private static RecordedEvent[] Slice(List<RecordedEvent?> events, long fromVersion, ReadDirection direction, int maxCount)
    {
        var result = new List<RecordedEvent>();
        if (direction == ReadDirection.Forwards)
        {
            for (long v = Math.Max(1, fromVersion); v <= events.Count && result.Count < maxCount; v++)
            {
                if (events[(int)(v - 1)] is { } recorded)
                {
                    result.Add(recorded);
                }
            }
        }
        else
        {
            for (long v = Math.Min(events.Count, fromVersion); v >= 1 && result.Count < maxCount; v--)
            {
                if (events[(int)(v - 1)] is { } recorded)
                {
                    result.Add(recorded);
                }
            }
        }

        return [.. result];
    }

    private async ValueTask<AppendResult> WriteAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, bool delete, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long version;
            long position;
            lock (_sync)
            {
                _streams.TryGetValue(streamId, out var stream);
                if (stream is { Deleted: true })
                {
                    throw new StreamDeletedException(streamId);
                }

                version = stream?.Events.Count ?? 0;
                if (!expectedVersion.IsSatisfiedBy(version))
                {
                    throw new WrongExpectedVersionException(streamId, expectedVersion, version);
                }

                var seen = new HashSet<Guid>();
                foreach (var e in events)
                {
                    if (_byId.ContainsKey(e.EventId) || !seen.Add(e.EventId))
                    {
                        throw new DuplicateEventIdException(streamId, e.EventId);
                    }
                }

                position = _log.Count;
            }

            var records = new RecordedEvent[events.Count];
            for (int i = 0; i < records.Length; i++)
            {
                var e = events[i];
                records[i] = new RecordedEvent(streamId, e.EventId, e.EventType, e.SchemaVersion, version + i + 1, position + i + 1, e.Timestamp, e.Metadata, e.Data.ToArray());
            }

            if (BeforeCommit is { } hook)
            {
                await hook(cancellationToken).ConfigureAwait(false);
            }

            lock (_sync)
            {
                if (!_streams.TryGetValue(streamId, out var stream))
                {
                    stream = new StreamEntry();
                    _streams.Add(streamId, stream);
                }

                foreach (var recorded in records)
                {
                    stream.Events.Add(recorded);
                    _log.Add(recorded);
                    _byId.Add(recorded.EventId, recorded);
                }

                stream.Deleted = delete;
            }

            return new AppendResult(records[^1].StreamVersion, records[^1].Position);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private sealed class StreamEntry
    {
        public List<RecordedEvent?> Events { get; } = [];

        public bool Deleted { get; set; }
    }
}

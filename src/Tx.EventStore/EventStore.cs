using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Serialization;
using Tx.EventStore.Snapshots;
using Tx.EventStore.Streams;
using Tx.EventStore.Subscriptions;
using Tx.EventStore.Telemetry;

namespace Tx.EventStore;

/// <summary>The core: validation, serialization, idempotent retries, retention and telemetry over a provider.</summary>
internal sealed class EventStore : IEventStore
{
    private readonly EventStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly EventStoreMetrics _metrics;
    private readonly AppendSignal? _signal;
    private readonly ILogger _logger;
    private readonly EventSerializer _serializer;

    public EventStore(
        IEventStoreProvider provider,
        IOptions<EventStoreOptions> options,
        TimeProvider timeProvider,
        EventStoreMetrics metrics,
        AppendSignal signal,
        ILogger<EventStore>? logger = null)
        : this(provider, options.Value, timeProvider, metrics, signal, logger ?? (ILogger)NullLogger.Instance)
    {
    }

    internal EventStore(IEventStoreProvider provider, EventStoreOptions options, TimeProvider timeProvider, EventStoreMetrics metrics, AppendSignal? signal, ILogger logger)
    {
        Provider = provider;
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _signal = signal;
        _logger = logger;
        _serializer = new EventSerializer(options.Types, options.JsonSerializerOptions);
        LoadsSnapshotAndTail = OverridesLoadSnapshotAndTail(provider.GetType());
    }

    public IEventStoreProvider Provider { get; }

    internal EventSerializer Serializer => _serializer;

    /// <summary>
    /// Gets a value indicating whether the provider reads snapshot + tail in one go (a server round trip). The
    /// interface's default does two reads and materializes the tail, so the repository streams the old way instead.
    /// </summary>
    internal bool LoadsSnapshotAndTail { get; }

    public async ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ValidateStreamId(streamId);
        ArgumentNullException.ThrowIfNull(events);
        ValidateCount(events.Count);

        var timestamp = _timeProvider.GetUtcNow();
        var batch = new UncommittedEvent[events.Count];
        for (int i = 0; i < batch.Length; i++)
        {
            var e = events[i] ?? throw new ArgumentException("Events must not contain null.", nameof(events));
            var uncommitted = _serializer.Serialize(streamId, e, timestamp);
            ValidateEvent(streamId, uncommitted);
            batch[i] = uncommitted;
        }

        ValidateDistinctIds(batch);
        return await AppendUncommittedAsync(streamId, expectedVersion, batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends already-serialized events (mirrors, benchmarks) with the same idempotency and telemetry.</summary>
    internal async ValueTask<AppendResult> AppendUncommittedAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> batch, CancellationToken cancellationToken)
    {
        using var activity = EventStoreActivitySource.Instance.StartActivity("eventstore.append", ActivityKind.Client);
        activity?.SetTag("tx.eventstore.stream", streamId);
        long started = _timeProvider.GetTimestamp();
        AppendResult result;
        try
        {
            result = await Provider.AppendAsync(streamId, expectedVersion, batch, cancellationToken).ConfigureAwait(false);
        }
        catch (WrongExpectedVersionException)
        {
            if (await FindRetriedAppendAsync(streamId, batch, cancellationToken).ConfigureAwait(false) is { } original)
            {
                return original;
            }

            _metrics.Conflict();
            activity?.SetStatus(ActivityStatusCode.Error, "wrong expected version");
            throw;
        }
        catch (DuplicateEventIdException)
        {
            if (await FindRetriedAppendAsync(streamId, batch, cancellationToken).ConfigureAwait(false) is { } original)
            {
                return original;
            }

            activity?.SetStatus(ActivityStatusCode.Error, "duplicate event id");
            throw;
        }

        _metrics.Appended(batch.Count, _timeProvider.GetElapsedTime(started));
        _signal?.Notify();

        if (_options.Retention.IsActiveFor(streamId))
        {
            try
            {
                await ApplyRetentionCoreAsync(streamId, result.StreamVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The events are committed: report success and leave retention to the next append.
                Log.RetentionFailed(_logger, ex, streamId);
            }
        }

        return result;
    }

    public async IAsyncEnumerable<ResolvedEvent> ReadStreamAsync(string streamId, long fromVersion = StreamPosition.Start, ReadDirection direction = ReadDirection.Forwards, int maxCount = int.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ValidateStreamId(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            yield break;
        }

        await foreach (var recorded in Provider.ReadStreamAsync(streamId, fromVersion, direction, maxCount, cancellationToken).ConfigureAwait(false))
        {
            yield return new ResolvedEvent(recorded, _serializer.Deserialize(recorded));
        }
    }

    public ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return Provider.ReadAllAsync(afterPosition, maxCount, cancellationToken);
    }

    public ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ValidateStreamId(streamId);
        return Provider.GetStreamInfoAsync(streamId, cancellationToken);
    }

    public async ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, EventMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        ValidateStreamId(streamId);
        var tombstone = _serializer.Serialize(streamId, new EventData(new StreamDeleted(streamId), metadata), _timeProvider.GetUtcNow());
        using var activity = EventStoreActivitySource.Instance.StartActivity("eventstore.delete", ActivityKind.Client);
        activity?.SetTag("tx.eventstore.stream", streamId);
        AppendResult result;
        try
        {
            result = await Provider.DeleteStreamAsync(streamId, expectedVersion, tombstone, cancellationToken).ConfigureAwait(false);
        }
        catch (WrongExpectedVersionException)
        {
            _metrics.Conflict();
            throw;
        }

        await Provider.Snapshots.DeleteAsync(streamId, cancellationToken).ConfigureAwait(false);
        _signal?.Notify();
        return result;
    }

    public async ValueTask<long> ApplyRetentionAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ValidateStreamId(streamId);
        if (!_options.Retention.IsActiveFor(streamId))
        {
            return 0;
        }

        var info = await Provider.GetStreamInfoAsync(streamId, cancellationToken).ConfigureAwait(false);
        return info.Exists && !info.IsDeleted
            ? await ApplyRetentionCoreAsync(streamId, info.Version, cancellationToken).ConfigureAwait(false)
            : 0;
    }

    public async ValueTask SaveSnapshotAsync<TState>(string streamId, long streamVersion, TState state, CancellationToken cancellationToken = default)
    {
        ValidateStreamId(streamId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streamVersion);
        var info = await Provider.GetStreamInfoAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (streamVersion > info.Version)
        {
            throw new ArgumentOutOfRangeException(nameof(streamVersion), streamVersion, $"Stream '{streamId}' has {info.Version} stored events; a snapshot can only reflect stored events.");
        }

        await SaveStoredSnapshotAsync(streamId, streamVersion, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves a snapshot of a version the caller knows is stored (the aggregate repository, right after its append): no stream read.</summary>
    internal ValueTask SaveStoredSnapshotAsync<TState>(string streamId, long streamVersion, TState state, CancellationToken cancellationToken)
    {
        byte[] data = JsonSerializer.SerializeToUtf8Bytes(state, _options.JsonSerializerOptions);
        var record = new SnapshotRecord(streamId, streamVersion, SnapshotTypeName<TState>(), _options.Snapshots.SchemaVersion, data, _timeProvider.GetUtcNow());
        return Provider.Snapshots.SaveAsync(record, cancellationToken);
    }

    public async ValueTask<Snapshot<TState>?> LoadSnapshotAsync<TState>(string streamId, CancellationToken cancellationToken = default)
    {
        ValidateStreamId(streamId);
        var record = await Provider.Snapshots.LoadAsync(streamId, cancellationToken).ConfigureAwait(false);
        return ToSnapshot<TState>(streamId, record);
    }

    /// <summary>
    /// The latest usable snapshot and the stored events after it (one round trip on the server providers). Returns a
    /// null tail when a snapshot is stored but unusable (other type or schema version): read the whole stream then.
    /// </summary>
    internal async ValueTask<(Snapshot<TState>? Snapshot, IReadOnlyList<RecordedEvent>? Tail)> LoadSnapshotAndTailAsync<TState>(string streamId, CancellationToken cancellationToken)
    {
        ValidateStreamId(streamId);
        var loaded = await Provider.LoadSnapshotAndTailAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (loaded.Snapshot is null)
        {
            return (null, loaded.Events);
        }

        var snapshot = ToSnapshot<TState>(streamId, loaded.Snapshot);
        return snapshot is null ? (null, null) : (snapshot, loaded.Events);
    }

    private Snapshot<TState>? ToSnapshot<TState>(string streamId, SnapshotRecord? record)
    {
        if (record is null || record.SnapshotType != SnapshotTypeName<TState>() || record.SchemaVersion != _options.Snapshots.SchemaVersion)
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<TState>(record.Data.Span, _options.JsonSerializerOptions);
            return state is null ? null : new Snapshot<TState>(streamId, record.StreamVersion, state, record.Timestamp);
        }
        catch (JsonException ex)
        {
            Log.SnapshotUnreadable(_logger, ex, streamId);
            return null;
        }
    }

    public object Deserialize(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return _serializer.Deserialize(recorded);
    }

    public ValueTask MigrateAsync(CancellationToken cancellationToken = default) => Provider.MigrateAsync(cancellationToken);

    internal static void ValidateStreamId(string streamId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        if (streamId.Length > EventStoreLimits.MaxStreamIdLength)
        {
            throw new ArgumentException($"Stream id is {streamId.Length} characters long; the maximum is {EventStoreLimits.MaxStreamIdLength}.", nameof(streamId));
        }
    }

    private static bool OverridesLoadSnapshotAndTail(Type providerType)
    {
        var map = providerType.GetInterfaceMap(typeof(IEventStoreProvider));
        for (int i = 0; i < map.InterfaceMethods.Length; i++)
        {
            if (map.InterfaceMethods[i].Name == nameof(IEventStoreProvider.LoadSnapshotAndTailAsync))
            {
                return map.TargetMethods[i].DeclaringType != typeof(IEventStoreProvider);
            }
        }

        return false;
    }

    internal static string SnapshotTypeName<TState>() => typeof(TState).FullName ?? typeof(TState).Name;

    private void ValidateCount(int count)
    {
        if (count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", "events");
        }

        if (count > _options.MaxAppendCount)
        {
            throw new ArgumentException($"An append takes at most {_options.MaxAppendCount} events (EventStoreOptions.MaxAppendCount); got {count}.", "events");
        }
    }

    private void ValidateEvent(string streamId, UncommittedEvent e)
    {
        if (e.Data.Length > _options.MaxEventSize)
        {
            throw new EventTooLargeException(streamId, e.EventType, e.Data.Length, _options.MaxEventSize);
        }

        ValidateMetadata(e.Metadata.CorrelationId, "CorrelationId");
        ValidateMetadata(e.Metadata.CausationId, "CausationId");
        ValidateMetadata(e.Metadata.UserId, "UserId");
    }

    private static void ValidateMetadata(string? value, string name)
    {
        if (value is { Length: > EventStoreLimits.MaxMetadataValueLength })
        {
            throw new ArgumentException($"Metadata {name} is {value.Length} characters long; the maximum is {EventStoreLimits.MaxMetadataValueLength}.", "events");
        }
    }

    private static void ValidateDistinctIds(UncommittedEvent[] batch)
    {
        if (batch.Length == 1)
        {
            return;
        }

        var seen = new HashSet<Guid>(batch.Length);
        foreach (var e in batch)
        {
            if (!seen.Add(e.EventId))
            {
                throw new ArgumentException($"Event id {e.EventId} appears twice in one append.", "events");
            }
        }
    }

    /// <summary>
    /// An append that failed on its version check or on a duplicate id is a retry when every event id of the batch
    /// is stored in this stream, consecutively and in batch order; then the original result is returned.
    /// </summary>
    private async ValueTask<AppendResult?> FindRetriedAppendAsync(string streamId, IReadOnlyList<UncommittedEvent> batch, CancellationToken cancellationToken)
    {
        var first = await Provider.FindEventAsync(batch[0].EventId, cancellationToken).ConfigureAwait(false);
        if (first is null || !string.Equals(first.StreamId, streamId, StringComparison.Ordinal))
        {
            return null;
        }

        int index = 0;
        RecordedEvent last = first;
        await foreach (var stored in Provider.ReadStreamAsync(streamId, first.StreamVersion, ReadDirection.Forwards, batch.Count, cancellationToken).ConfigureAwait(false))
        {
            if (stored.EventId != batch[index].EventId || stored.StreamVersion != first.StreamVersion + index)
            {
                return null;
            }

            last = stored;
            index++;
        }

        return index == batch.Count ? new AppendResult(last.StreamVersion, last.Position) : null;
    }

    private async ValueTask<long> ApplyRetentionCoreAsync(string streamId, long version, CancellationToken cancellationToken)
    {
        var retention = _options.Retention;
        long keepFrom = 1;
        if (retention.MaxCount is { } maxCount && version > maxCount)
        {
            keepFrom = version - maxCount + 1;
        }

        if (retention.MaxAge is { } maxAge)
        {
            var cutoff = _timeProvider.GetUtcNow() - maxAge;
            long firstYoung = version + 1;
            await foreach (var e in Provider.ReadStreamAsync(streamId, keepFrom, ReadDirection.Forwards, int.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (e.Timestamp >= cutoff)
                {
                    firstYoung = e.StreamVersion;
                    break;
                }
            }

            // The last event is always kept so the stream's version and type stay readable.
            keepFrom = Math.Max(keepFrom, Math.Min(firstYoung, version));
        }

        if (keepFrom <= 1)
        {
            return 0;
        }

        long removed = await Provider.TruncateStreamAsync(streamId, keepFrom, cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            Log.RetentionApplied(_logger, streamId, removed);
        }

        return removed;
    }
}

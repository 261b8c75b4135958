using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.EventStore.Appending;
using Tx.EventStore.Snapshots;
using Tx.EventStore.Streams;
using Tx.EventStore.Telemetry;

namespace Tx.EventStore.Aggregates;

/// <summary>
/// Loads aggregates (latest snapshot + the events after it), and saves their new events with the version they
/// were loaded at as the expected version, taking snapshots by the <see cref="SnapshotOptions"/> policy.
/// </summary>
/// <typeparam name="T">The aggregate type.</typeparam>
public sealed class AggregateRepository<T>
    where T : AggregateRoot, new()
{
    private readonly IEventStore _store;
    private readonly SnapshotOptions _snapshots;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="AggregateRepository{T}"/> class.</summary>
    /// <param name="store">The event store.</param>
    /// <param name="options">The event store options (snapshot policy).</param>
    /// <param name="logger">The logger.</param>
    public AggregateRepository(IEventStore store, IOptions<EventStoreOptions> options, ILogger<AggregateRepository<T>>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _snapshots = options.Value.Snapshots;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Loads an aggregate from its latest snapshot and the events stored after it.</summary>
    /// <param name="id">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The aggregate, or <see langword="null"/> when the stream has no events.</returns>
    /// <exception cref="StreamDeletedException">The stream was deleted.</exception>
    public async ValueTask<T?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        T aggregate = new();
        long from = StreamPosition.Start;
        if (_snapshots.Enabled && _store is EventStore { LoadsSnapshotAndTail: true } core)
        {
            // Snapshot and tail together: one round trip on the server providers (the tail is materialized; the
            // snapshot policy keeps it short).
            var (loaded, tail) = await core.LoadSnapshotAndTailAsync<T>(id, cancellationToken).ConfigureAwait(false);
            if (tail is not null)
            {
                if (loaded is not null)
                {
                    aggregate = loaded.State;
                    aggregate.Version = loaded.StreamVersion;
                    aggregate.SnapshotVersion = loaded.StreamVersion;
                }

                aggregate.Id = id;
                foreach (var e in tail)
                {
                    aggregate.ApplyStored(core.Deserialize(e), e.StreamVersion);
                }

                return aggregate.Version == 0 ? null : aggregate;
            }
        }
        else if (_snapshots.Enabled && await _store.LoadSnapshotAsync<T>(id, cancellationToken).ConfigureAwait(false) is { } snapshot)
        {
            aggregate = snapshot.State;
            aggregate.Version = snapshot.StreamVersion;
            aggregate.SnapshotVersion = snapshot.StreamVersion;
            from = snapshot.StreamVersion + 1;
        }

        aggregate.Id = id;
        await foreach (var e in _store.ReadStreamAsync(id, from, ReadDirection.Forwards, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            aggregate.ApplyStored(e.Data, e.StreamVersion);
        }

        return aggregate.Version == 0 ? null : aggregate;
    }

    /// <summary>
    /// Stores the aggregate's pending events, expecting the stream at the version the aggregate was loaded at
    /// (no stream for a new aggregate), then takes a snapshot when the policy says so.
    /// </summary>
    /// <param name="aggregate">The aggregate; its <see cref="AggregateRoot.Id"/> must be set.</param>
    /// <param name="metadata">Metadata stored with every event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The append result, or <see langword="null"/> when there was nothing to save.</returns>
    /// <exception cref="WrongExpectedVersionException">Another writer changed the stream since it was loaded.</exception>
    public async ValueTask<AppendResult?> SaveAsync(T aggregate, EventMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (aggregate.PendingEvents.Count == 0)
        {
            return null;
        }

        long previous = aggregate.Version;
        var events = new EventData[aggregate.PendingEvents.Count];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = new EventData(aggregate.PendingEvents[i], metadata);
        }

        var result = await _store.AppendAsync(aggregate.Id, ExpectedVersion.Exact(previous), events, cancellationToken).ConfigureAwait(false);
        aggregate.MarkSaved(result.StreamVersion);

        if (_snapshots.ShouldSnapshot(new SnapshotDecisionContext(aggregate.Id, previous, result.StreamVersion, aggregate.SnapshotVersion)))
        {
            try
            {
                // The version was just stored by this append: the core's own save skips the stream-version check (one round trip).
                await (_store is EventStore core
                    ? core.SaveStoredSnapshotAsync(aggregate.Id, result.StreamVersion, aggregate, cancellationToken)
                    : _store.SaveSnapshotAsync(aggregate.Id, result.StreamVersion, aggregate, cancellationToken)).ConfigureAwait(false);
                aggregate.SnapshotVersion = result.StreamVersion;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.SnapshotFailed(_logger, ex, aggregate.Id, result.StreamVersion);
            }
        }

        return result;
    }
}

using Tx.EventStore.Appending;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Providers;

/// <summary>
/// The storage contract (SPI) a backend implements: atomic appends with an optimistic version check, stream
/// and global reads, tombstones and truncation, plus snapshot and checkpoint stores. The core
/// (<see cref="IEventStore"/>) does validation, serialization, idempotent retries, snapshot policy,
/// retention, subscriptions and telemetry on top of it. Every provider passes
/// Tx.EventStore.ComplianceTests; docs/eventstore-providers.md states the rules.
/// </summary>
public interface IEventStoreProvider
{
    /// <summary>Gets the snapshot store of this backend.</summary>
    ISnapshotStore Snapshots { get; }

    /// <summary>Gets the subscription checkpoint store of this backend.</summary>
    ICheckpointStore Checkpoints { get; }

    /// <summary>Creates or upgrades the schema (tables, indexes, collections). Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task completing when the schema is ready.</returns>
    ValueTask MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="events"/> to a stream in one atomic transaction, numbering them from the current
    /// version + 1 and giving them increasing global positions.
    /// </summary>
    /// <param name="streamId">The stream id (validated by the core).</param>
    /// <param name="expectedVersion">The expected current version.</param>
    /// <param name="events">At least one event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stream version and global position of the last event.</returns>
    /// <exception cref="WrongExpectedVersionException">The stream is at another version; nothing was written.</exception>
    /// <exception cref="DuplicateEventIdException">An event id is already stored; nothing was written.</exception>
    /// <exception cref="StreamDeletedException">The stream was deleted; nothing was written.</exception>
    ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> events of one stream, starting at <paramref name="fromVersion"/> (inclusive).</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="fromVersion">The first version to return (<see cref="StreamPosition.End"/> = the last one).</param>
    /// <param name="direction">Ascending or descending versions.</param>
    /// <param name="maxCount">The maximum number of events.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The events in the requested order; empty when the stream does not exist.</returns>
    /// <exception cref="StreamDeletedException">The stream was deleted.</exception>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion, ReadDirection direction, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads a stream's latest snapshot and the events stored after its version, consistently (a snapshot saved
    /// meanwhile must not make the tail start after the returned snapshot). Aggregate loading uses it; a backend
    /// overrides it to do both in one round trip. The default loads the snapshot, then reads the stream after it.
    /// </summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The snapshot (or <see langword="null"/>) and the events after it; empty when the stream does not exist.</returns>
    /// <exception cref="StreamDeletedException">The stream was deleted.</exception>
    async ValueTask<SnapshotTail> LoadSnapshotAndTailAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var snapshot = await Snapshots.LoadAsync(streamId, cancellationToken).ConfigureAwait(false);
        var events = new List<RecordedEvent>();
        long from = snapshot is null ? StreamPosition.Start : snapshot.StreamVersion + 1;
        await foreach (var e in ReadStreamAsync(streamId, from, ReadDirection.Forwards, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        return new SnapshotTail(snapshot, events);
    }

    /// <summary>
    /// Reads one page of the global log: events with position greater than <paramref name="afterPosition"/>, ascending.
    /// Must never return an event while an event with a lower position may still commit (no event is skipped by a
    /// reader that continues after the last position it saw).
    /// </summary>
    /// <param name="afterPosition">The last position already seen (0 for the beginning).</param>
    /// <param name="maxCount">The maximum number of events.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page; empty when nothing newer is visible.</returns>
    ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Gets the highest global position a reader may safely read up to (0 when the store is empty).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The head position.</returns>
    ValueTask<long> GetHeadPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets a stream's version and deletion state.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The state; version 0 when the stream does not exist.</returns>
    ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Finds a stored event by id (used by the core to recognise an idempotent retry).</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The event, or <see langword="null"/> when it is not stored.</returns>
    ValueTask<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Soft-deletes a stream: appends <paramref name="tombstone"/> as its last event (exactly like
    /// <see cref="AppendAsync"/>) and marks the stream deleted, atomically. Later appends and stream reads raise
    /// <see cref="StreamDeletedException"/>; the global log keeps the events and the tombstone.
    /// </summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="expectedVersion">The expected current version.</param>
    /// <param name="tombstone">The tombstone event (type <see cref="StreamDeleted.TypeName"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The version and position of the tombstone.</returns>
    /// <exception cref="WrongExpectedVersionException">The stream is at another version.</exception>
    /// <exception cref="StreamDeletedException">The stream was already deleted.</exception>
    ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, UncommittedEvent tombstone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Physically removes a stream's events with version lower than <paramref name="beforeVersion"/> (retention).
    /// The stream's version does not change; removed positions are never reused.
    /// </summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="beforeVersion">The first version to keep.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of events removed.</returns>
    ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default);
}

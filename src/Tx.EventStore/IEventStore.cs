using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Snapshots;
using Tx.EventStore.Streams;

namespace Tx.EventStore;

/// <summary>
/// The event store: append to streams with optimistic concurrency, read streams and the global log,
/// delete streams, keep snapshots. Registered by <c>services.AddTxEventStore()</c>; the backend is chosen
/// with <c>.UseSqlite(...)</c>, <c>.UsePostgreSql(...)</c>, <c>.UseMySql(...)</c>, <c>.UseMongoDB(...)</c> or
/// the in-memory default.
/// </summary>
public interface IEventStore
{
    /// <summary>Gets the backend provider.</summary>
    IEventStoreProvider Provider { get; }

    /// <summary>
    /// Appends events to a stream atomically. Retrying an append whose event ids are already stored, in the same
    /// stream, consecutively and in the same order, returns the original result and writes nothing.
    /// </summary>
    /// <param name="streamId">The stream id (1 to 200 characters).</param>
    /// <param name="expectedVersion">Any, no stream, or the exact current version.</param>
    /// <param name="events">The events (at least one).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stream version and global position of the last event.</returns>
    /// <exception cref="ArgumentException">The stream id is empty or too long, no events are given, or an event id repeats.</exception>
    /// <exception cref="WrongExpectedVersionException">The stream is at another version.</exception>
    /// <exception cref="DuplicateEventIdException">An event id is stored already and this is not a retry of that append.</exception>
    /// <exception cref="StreamDeletedException">The stream was deleted.</exception>
    /// <exception cref="EventTooLargeException">An event is larger than <see cref="EventStoreOptions.MaxEventSize"/>.</exception>
    /// <exception cref="Serialization.UnknownEventTypeException">An event's CLR type is not registered.</exception>
    ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);

    /// <summary>Reads a stream's events, deserialized and upcast.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="fromVersion">The first version to return (inclusive); <see cref="StreamPosition.End"/> with <see cref="ReadDirection.Backwards"/> starts at the last.</param>
    /// <param name="direction">Forwards (ascending) or backwards (descending).</param>
    /// <param name="maxCount">The maximum number of events.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The events; none when the stream does not exist.</returns>
    /// <exception cref="StreamDeletedException">The stream was deleted.</exception>
    /// <exception cref="Serialization.EventDeserializationException">An event cannot be read; the message names stream, version and type.</exception>
    IAsyncEnumerable<ResolvedEvent> ReadStreamAsync(string streamId, long fromVersion = StreamPosition.Start, ReadDirection direction = ReadDirection.Forwards, int maxCount = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of the global log in position order, never skipping an event that commits late.</summary>
    /// <param name="afterPosition">The last position already processed (0 for the beginning).</param>
    /// <param name="maxCount">The page size.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page (raw events); empty when the reader is caught up.</returns>
    ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Gets a stream's version and deletion state.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The state.</returns>
    ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes a stream by writing a <see cref="StreamDeleted"/> tombstone event; its snapshot is removed.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="expectedVersion">Any, or the exact current version.</param>
    /// <param name="metadata">Metadata of the tombstone (who deleted it and why).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The version and position of the tombstone.</returns>
    ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, EventMetadata? metadata = null, CancellationToken cancellationToken = default);

    /// <summary>Applies <see cref="EventStoreOptions.Retention"/> to one stream now.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of events removed.</returns>
    ValueTask<long> ApplyRetentionAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot of a state folded from a stream's stored events up to <paramref name="streamVersion"/>.</summary>
    /// <typeparam name="TState">The state's type (System.Text.Json serializable).</typeparam>
    /// <param name="streamId">The stream id.</param>
    /// <param name="streamVersion">The version of the last stored event folded into the state.</param>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task completing when stored.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="streamVersion"/> is beyond the stream's stored events.</exception>
    ValueTask SaveSnapshotAsync<TState>(string streamId, long streamVersion, TState state, CancellationToken cancellationToken = default);

    /// <summary>Loads a stream's latest snapshot, when one of <typeparamref name="TState"/> and the current schema version exists.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    ValueTask<Snapshot<TState>?> LoadSnapshotAsync<TState>(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Deserializes (and upcasts) a raw event read from the global log.</summary>
    /// <param name="recorded">The event.</param>
    /// <returns>The domain object.</returns>
    /// <exception cref="Serialization.EventDeserializationException">The event cannot be read.</exception>
    object Deserialize(RecordedEvent recorded);

    /// <summary>Creates or upgrades the provider's schema now (it is also created on demand).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task completing when the schema is ready.</returns>
    ValueTask MigrateAsync(CancellationToken cancellationToken = default);
}

using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Replay;

/// <summary>
/// Replays history through a caller's fold: rebuild a projection from position 0, or re-run a stream with
/// new logic to compare with what was computed before.
/// </summary>
public static class EventStoreReplayExtensions
{
    /// <summary>Folds the whole global log (or the part after <paramref name="afterPosition"/>) into a state.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="store">The event store.</param>
    /// <param name="seed">The initial state.</param>
    /// <param name="fold">Returns the state after one event.</param>
    /// <param name="afterPosition">The position to start after (0 = the beginning).</param>
    /// <param name="filter">Selects the events to deserialize and fold (by type name, stream id...); <see langword="null"/> for all.</param>
    /// <param name="pageSize">The number of events read at once.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>The state and the last position folded.</returns>
    public static async ValueTask<ReplayResult<TState>> ReplayAllAsync<TState>(
        this IEventStore store,
        TState seed,
        Func<TState, ResolvedEvent, TState> fold,
        long afterPosition = StreamPosition.BeforeFirst,
        Func<RecordedEvent, bool>? filter = null,
        int pageSize = 1000,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fold);
        var state = seed;
        long position = afterPosition;
        long count = 0;
        while (true)
        {
            var page = await store.ReadAllAsync(position, pageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return new ReplayResult<TState>(state, position, count);
            }

            foreach (var recorded in page)
            {
                if (filter is null || filter(recorded))
                {
                    state = fold(state, new ResolvedEvent(recorded, store.Deserialize(recorded)));
                    count++;
                }
            }

            position = page[^1].Position;
        }
    }

    /// <summary>Folds one stream into a state, optionally starting from its latest snapshot of <typeparamref name="TState"/>.</summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="store">The event store.</param>
    /// <param name="streamId">The stream id.</param>
    /// <param name="seed">The initial state (used when no snapshot is used).</param>
    /// <param name="fold">Returns the state after one event.</param>
    /// <param name="fromSnapshot">Whether to start from the latest snapshot when there is one.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>The state and the last stream version folded.</returns>
    public static async ValueTask<ReplayResult<TState>> ReplayStreamAsync<TState>(
        this IEventStore store,
        string streamId,
        TState seed,
        Func<TState, ResolvedEvent, TState> fold,
        bool fromSnapshot = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fold);
        var state = seed;
        long version = 0;
        if (fromSnapshot && await store.LoadSnapshotAsync<TState>(streamId, cancellationToken).ConfigureAwait(false) is { } snapshot)
        {
            state = snapshot.State;
            version = snapshot.StreamVersion;
        }

        long count = 0;
        await foreach (var e in store.ReadStreamAsync(streamId, version + 1, ReadDirection.Forwards, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            state = fold(state, e);
            version = e.StreamVersion;
            count++;
        }

        return new ReplayResult<TState>(state, version, count);
    }
}

using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Subscriptions;

/// <summary>
/// Copies the log into a second store: each run of consecutive events of one stream becomes one append with the
/// source's stream versions as expected versions and the source's event ids, so a redelivered batch is an
/// idempotent retry and the two stores hold the same streams. Tombstones become deletes.
/// </summary>
internal sealed class MirrorSubscriptionHandler(EventStore target) : IEventSubscriptionHandler
{
    public async ValueTask HandleAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        int start = 0;
        while (start < events.Count)
        {
            int end = start + 1;
            while (end < events.Count
                && string.Equals(events[end].StreamId, events[start].StreamId, StringComparison.Ordinal)
                && events[end].StreamVersion == events[end - 1].StreamVersion + 1
                && events[end].EventType != StreamDeleted.TypeName)
            {
                end++;
            }

            var first = events[start];
            if (first.EventType == StreamDeleted.TypeName)
            {
                await DeleteAsync(first, cancellationToken).ConfigureAwait(false);
                end = start + 1;
            }
            else
            {
                var batch = new UncommittedEvent[end - start];
                for (int i = start; i < end; i++)
                {
                    var e = events[i];
                    batch[i - start] = new UncommittedEvent(e.EventId, e.EventType, e.SchemaVersion, e.Data, e.Metadata, e.Timestamp);
                }

                await AppendAsync(first.StreamId, first.StreamVersion, batch, cancellationToken).ConfigureAwait(false);
            }

            start = end;
        }
    }

    private async ValueTask AppendAsync(string streamId, long firstVersion, UncommittedEvent[] batch, CancellationToken cancellationToken)
    {
        try
        {
            await target.AppendUncommittedAsync(streamId, ExpectedVersion.Exact(firstVersion - 1), batch, cancellationToken).ConfigureAwait(false);
        }
        catch (WrongExpectedVersionException ex) when (ex.ActualVersion >= firstVersion && ex.ActualVersion < firstVersion + batch.Length - 1)
        {
            // Part of the run was mirrored before a crash (the redelivered page is longer now): append the rest.
            int done = (int)(ex.ActualVersion - firstVersion + 1);
            await target.AppendUncommittedAsync(streamId, ExpectedVersion.Exact(ex.ActualVersion), batch[done..], cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask DeleteAsync(RecordedEvent tombstone, CancellationToken cancellationToken)
    {
        try
        {
            var copy = new UncommittedEvent(tombstone.EventId, tombstone.EventType, tombstone.SchemaVersion, tombstone.Data, tombstone.Metadata, tombstone.Timestamp);
            await target.Provider.DeleteStreamAsync(tombstone.StreamId, ExpectedVersion.Exact(tombstone.StreamVersion - 1), copy, cancellationToken).ConfigureAwait(false);
        }
        catch (StreamDeletedException)
        {
            // Already mirrored: a redelivered tombstone.
        }
    }
}

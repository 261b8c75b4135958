using Tx.EventStore.Reading;

namespace Tx.EventStore.Subscriptions;

/// <summary>Calls a per-event callback in order (the outbox publisher shape).</summary>
internal sealed class DelegateSubscriptionHandler(Func<RecordedEvent, CancellationToken, ValueTask> callback) : IEventSubscriptionHandler
{
    public async ValueTask HandleAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await callback(e, cancellationToken).ConfigureAwait(false);
        }
    }
}

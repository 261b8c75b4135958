using Tx.EventStore.Reading;

namespace Tx.EventStore.Subscriptions;

/// <summary>
/// Receives the global log in order, batch by batch, from a catch-up subscription. Delivery is at least once:
/// after a crash the batches after the last stored checkpoint are delivered again, so handlers must be
/// idempotent (for example by event id). A handler that throws gets the same batch again after
/// <see cref="SubscriptionOptions.RetryDelay"/>; nothing is skipped.
/// </summary>
public interface IEventSubscriptionHandler
{
    /// <summary>Handles a batch of events in global order.</summary>
    /// <param name="events">The events (at least one).</param>
    /// <param name="cancellationToken">Signalled when the host stops.</param>
    /// <returns>A task completing when the batch is handled; the checkpoint moves past it afterwards.</returns>
    ValueTask HandleAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}

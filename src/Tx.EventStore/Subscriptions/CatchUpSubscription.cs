using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tx.EventStore.Providers;
using Tx.EventStore.Telemetry;

namespace Tx.EventStore.Subscriptions;

/// <summary>
/// Tails the global log from a stored checkpoint: read a page after the checkpoint, hand it to the handler,
/// store the checkpoint, repeat; when caught up, wait for an append or the poll interval.
/// </summary>
internal sealed class CatchUpSubscription(
    string name,
    IEventStoreProvider provider,
    IEventSubscriptionHandler handler,
    SubscriptionOptions options,
    AppendSignal signal,
    TimeProvider timeProvider,
    EventStoreMetrics metrics,
    ILogger logger)
{
    public string Name => name;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long checkpoint = await provider.Checkpoints.LoadAsync(name, cancellationToken).ConfigureAwait(false) ?? options.StartAfterPosition;
        Log.SubscriptionStarting(logger, name, checkpoint);
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            var page = await provider.ReadAllAsync(checkpoint, options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                metrics.SubscriptionLag(name, 0);
                await AppendSignal.WaitAsync(wake, options.PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await HandleWithRetryAsync(page, cancellationToken).ConfigureAwait(false);
            checkpoint = page[^1].Position;
            await provider.Checkpoints.SaveAsync(name, checkpoint, cancellationToken).ConfigureAwait(false);
            if (metrics.SubscriptionLagEnabled)
            {
                long head = await provider.GetHeadPositionAsync(cancellationToken).ConfigureAwait(false);
                metrics.SubscriptionLag(name, Math.Max(0, head - checkpoint));
            }
        }
    }

    private async Task HandleWithRetryAsync(IReadOnlyList<Reading.RecordedEvent> page, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var activity = EventStoreActivitySource.Instance.StartActivity("eventstore.subscription.batch", ActivityKind.Consumer);
            activity?.SetTag("tx.eventstore.subscription", name);
            try
            {
                await handler.HandleAsync(page, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                Log.SubscriptionHandlerFailed(logger, ex, name, page[0].Position, page[^1].Position, options.RetryDelay);
                await Task.Delay(options.RetryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

using Microsoft.Extensions.Hosting;

namespace Tx.EventStore.Subscriptions;

/// <summary>Runs one catch-up subscription for the lifetime of the host.</summary>
internal sealed class SubscriptionHostedService(CatchUpSubscription subscription) : BackgroundService
{
    public string Name => subscription.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await subscription.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown: the checkpoint of the last finished batch is stored; the rest is delivered again on restart.
        }
    }
}

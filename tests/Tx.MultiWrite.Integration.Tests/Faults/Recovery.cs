using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Statistics;

namespace Tx.MultiWrite.Integration.Tests.Faults;

/// <summary>
/// A new worker process, its clock two hours ahead (every lease of a dead writer has expired and every backoff
/// is due): it drains the ledger until nothing is pending.
/// </summary>
internal static class Recovery
{
    public static async Task<RetryQueueStatistics> RunAsync(ThreeStores stores)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        await using ServiceProvider host = stores.BuildHost(time);
        IMultiWriteRetryWorker worker = host.GetRequiredService<IMultiWriteRetryWorker>();
        IMultiWriteStatistics statistics = host.GetRequiredService<IMultiWriteStatistics>();
        RetryQueueStatistics queue = (await statistics.GetStatisticsAsync()).RetryQueue;
        for (int round = 0; round < 30 && queue.Depth + queue.Compensating > 0; round++)
        {
            await worker.DrainAsync(10_000, CancellationToken.None);
            queue = (await statistics.GetStatisticsAsync()).RetryQueue;
            time.Advance(TimeSpan.FromMinutes(5));
        }

        return queue;
    }
}

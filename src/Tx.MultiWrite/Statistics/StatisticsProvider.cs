using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Telemetry;
using Tx.MultiWrite.Writing;
using Tx.Resilience.CircuitBreaking;

namespace Tx.MultiWrite.Statistics;

internal sealed class StatisticsProvider(IWriteLedger ledger, LegSet legs, SchemaInitializer schema, MultiWriteMetrics metrics) : IMultiWriteStatistics
{
    public async Task<MultiWriteStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        LedgerCounts counts = await ledger.CountAsync(cancellationToken).ConfigureAwait(false);
        metrics.UpdateCounts(counts);
        var pools = new Dictionary<string, PoolStatistics>(StringComparer.Ordinal);
        var breakers = new Dictionary<string, LegStatistics>(StringComparer.Ordinal);
        foreach (Leg leg in legs.Legs)
        {
            PoolStatistics? pool = leg.Target.GetPoolStatistics();
            pools[leg.Name] = pool ?? new PoolStatistics { Borrowed = leg.InFlight };
            CircuitBreakerSnapshot breaker = leg.Breaker.GetSnapshot();
            breakers[leg.Name] = new LegStatistics(breaker.StateName, Math.Round(breaker.FailureRatePercent, 2), leg.InFlight);
        }

        return new MultiWriteStatistics(pools, breakers, new RetryQueueStatistics(counts.PendingLegs, counts.CompensatingLegs, counts.DeadLetteredLegs));
    }
}

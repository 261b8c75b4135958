using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Telemetry;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Retrying;

/// <summary>
/// One pass of the retry worker: lease due legs, skip those whose breaker is open (no attempt burned), retry
/// the rest (write or tombstone), dead-letter what ran out of attempts or age, compensate all-or-nothing writes.
/// </summary>
internal sealed class LegRetryProcessor : IMultiWriteRetryWorker
{
    private readonly IWriteLedger _ledger;
    private readonly LegSet _legs;
    private readonly SchemaInitializer _schema;
    private readonly Compensator _compensator;
    private readonly EventDispatcher _events;
    private readonly MultiWriteMetrics _metrics;
    private readonly RetryWorkerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LegRetryProcessor> _logger;

    public LegRetryProcessor(
        IWriteLedger ledger,
        LegSet legs,
        SchemaInitializer schema,
        Compensator compensator,
        EventDispatcher events,
        MultiWriteMetrics metrics,
        IOptions<RetryWorkerOptions> options,
        TimeProvider timeProvider,
        ILogger<LegRetryProcessor> logger)
    {
        _ledger = ledger;
        _legs = legs;
        _schema = schema;
        _compensator = compensator;
        _events = events;
        _metrics = metrics;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        WorkerId = _options.WorkerId ?? $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    public string WorkerId { get; }

    /// <summary>Runs one pass.</summary>
    /// <returns>The number of legs claimed.</returns>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _timeProvider.GetUtcNow();
        IReadOnlyList<LegClaim> claims = await _ledger.ClaimDueAsync(WorkerId, now, _options.LeaseDuration, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (claims.Count > 0)
        {
            await Parallel.ForEachAsync(
                claims,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
                async (claim, ct) => await ProcessAsync(claim, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }

        _metrics.UpdateCounts(await _ledger.CountAsync(cancellationToken).ConfigureAwait(false));
        return claims.Count;
    }

    /// <summary>Runs passes until nothing is due (or <paramref name="maxPasses"/> ran).</summary>
    /// <returns>The number of legs claimed in all passes.</returns>
    public async Task<int> DrainAsync(int maxPasses, CancellationToken cancellationToken)
    {
        int total = 0;
        for (int i = 0; i < maxPasses; i++)
        {
            int claimed = await ProcessDueAsync(cancellationToken).ConfigureAwait(false);
            total += claimed;
            if (claimed == 0)
            {
                break;
            }
        }

        return total;
    }

    private async Task ProcessAsync(LegClaim claim, CancellationToken cancellationToken)
    {
        WriteIntent intent = claim.Intent;
        LegEntry leg = claim.Leg;
        Leg? target = _legs.Find(leg.Target);
        DateTimeOffset now = _timeProvider.GetUtcNow();
        if (target is null)
        {
            // Another process owns that target; give the lease back after a while.
            await _ledger.UpdateLegsAsync(intent.WriteId, [new LegUpdate(leg.Target, leg.State, leg.State, leg.Attempts, now + _options.LeaseDuration, $"Target {leg.Target} is not registered in worker {WorkerId}")], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (leg.State == LegState.Compensating || intent.CompensationRequired)
        {
            LegAttempt tombstone = await target.TombstoneAsync(intent.ToTargetRecord(), cancellationToken).ConfigureAwait(false);
            now = _timeProvider.GetUtcNow();
            await _ledger.UpdateLegsAsync(intent.WriteId, [LegTransitions.AfterTombstone(leg, tombstone, now, _options)], cancellationToken).ConfigureAwait(false);
            return;
        }

        LegAttempt attempt = await target.WriteAsync(intent.ToTargetRecord(), cancellationToken).ConfigureAwait(false);
        now = _timeProvider.GetUtcNow();
        LegUpdate update = LegTransitions.AfterWrite(intent, leg, attempt, now, _options);
        await _ledger.UpdateLegsAsync(intent.WriteId, [update], cancellationToken).ConfigureAwait(false);
        if (attempt.Succeeded || attempt.Kind == LegAttemptKind.Rejected)
        {
            return;
        }

        string error = attempt.Error ?? "failed";
        if (update.State == LegState.DeadLettered)
        {
            Log.LegDeadLettered(_logger, intent.WriteId, leg.Target, update.Attempts, error);
        }
        else
        {
            Log.LegFailed(_logger, intent.WriteId, leg.Target, update.Attempts, update.State.ToString(), error);
        }

        await _events.FailedWriteAsync(new FailedWriteEvent(intent.WriteId, leg.Target, intent.RecordType, intent.Key, error, update.Attempts, update.State, now)).ConfigureAwait(false);
        if (update.State == LegState.DeadLettered && intent.Policy == ConsistencyPolicy.AllOrNothing)
        {
            await _compensator.CompensateAsync(intent, leg.Target, error, cancellationToken).ConfigureAwait(false);
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Telemetry;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Compensation;

/// <summary>
/// Compensates an all-or-nothing write: marks it in the ledger (from then on no leg is written, only
/// tombstoned), publishes <c>COMPENSATION_REQUIRED</c>, and writes the tombstones it can reach now; the retry
/// worker finishes the rest.
/// </summary>
internal sealed class Compensator(
    IWriteLedger ledger,
    LegSet legs,
    EventDispatcher events,
    MultiWriteMetrics metrics,
    IOptions<RetryWorkerOptions> retryOptions,
    TimeProvider timeProvider,
    ILogger<Compensator> logger)
{
    private readonly string _owner = "compensator-" + Guid.NewGuid().ToString("N")[..8];

    public async Task<WriteIntent> CompensateAsync(WriteIntent intent, string failedLeg, string reason, CancellationToken cancellationToken)
    {
        RetryWorkerOptions options = retryOptions.Value;
        DateTimeOffset now = timeProvider.GetUtcNow();
        WriteIntent marked = await ledger.MarkCompensatingAsync(intent.WriteId, _owner, now + options.LeaseDuration, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Write {intent.WriteId} has no intent to compensate.");
        Log.Compensating(logger, intent.WriteId, failedLeg);
        metrics.Compensated();
        await events.CompensationRequiredAsync(new CompensationRequiredEvent(
            intent.WriteId, intent.RecordType, intent.Key, failedLeg, reason, [.. marked.Legs.Select(l => l.Target)], now)).ConfigureAwait(false);

        TargetRecord record = marked.ToTargetRecord();
        LegEntry[] pending = [.. marked.Legs.Where(l => l.State == LegState.Compensating)];
        LegAttempt[] attempts = await Task.WhenAll(pending.Select(l => TombstoneAsync(l, record, cancellationToken))).ConfigureAwait(false);
        now = timeProvider.GetUtcNow();
        var updates = new List<LegUpdate>(pending.Length);
        for (int i = 0; i < pending.Length; i++)
        {
            updates.Add(LegTransitions.AfterTombstone(pending[i], attempts[i], now, options));
        }

        await ledger.UpdateLegsAsync(intent.WriteId, updates, cancellationToken).ConfigureAwait(false);
        return marked.WithLegs([.. marked.Legs.Select(l => updates.Find(u => u.Target == l.Target) is { } u ? LegTransitions.Apply(l, u) : l)]);
    }

    private Task<LegAttempt> TombstoneAsync(LegEntry leg, TargetRecord record, CancellationToken cancellationToken) =>
        legs.Find(leg.Target) is { } found
            ? found.TombstoneAsync(record, cancellationToken)
            : Task.FromResult(new LegAttempt(LegAttemptKind.Failed, $"Target {leg.Target} is not registered in this process", TimeSpan.Zero));
}

using Microsoft.Extensions.Logging;

namespace Tx.MultiWrite.Telemetry;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Leg {Target} of write {WriteId} failed (attempt {Attempts}, now {State}): {Error}")]
    public static partial void LegFailed(ILogger logger, Guid writeId, string target, int attempts, string state, string error);

    [LoggerMessage(2, LogLevel.Error, "Leg {Target} of write {WriteId} dead-lettered after {Attempts} attempts: {Error}")]
    public static partial void LegDeadLettered(ILogger logger, Guid writeId, string target, int attempts, string error);

    [LoggerMessage(3, LogLevel.Warning, "Write {WriteId} is compensated: leg {Target} failed for good")]
    public static partial void Compensating(ILogger logger, Guid writeId, string target);

    [LoggerMessage(4, LogLevel.Information, "failed-writes: write {WriteId}, leg {Target}: {Error}")]
    public static partial void FailedWritePublished(ILogger logger, Guid writeId, string target, string error);

    [LoggerMessage(5, LogLevel.Warning, "COMPENSATION_REQUIRED: write {WriteId} (leg {Target} failed)")]
    public static partial void CompensationPublished(ILogger logger, Guid writeId, string target);

    [LoggerMessage(6, LogLevel.Warning, "Publishing an event for write {WriteId} failed; the ledger still holds the leg state")]
    public static partial void PublishFailed(ILogger logger, Exception exception, Guid writeId);

    [LoggerMessage(7, LogLevel.Error, "The retry worker's pass failed; it tries again after the poll interval")]
    public static partial void RetryPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Reconciliation {From}..{To}: {Scanned} intents, {Repaired} repaired, {Flagged} flagged")]
    public static partial void Reconciled(ILogger logger, Guid from, Guid to, long scanned, long repaired, long flagged);

    [LoggerMessage(9, LogLevel.Warning, "Recording the outcome of write {WriteId} failed; its legs stay pending and the retry worker re-runs them (idempotent) after the writer's lease")]
    public static partial void OutcomeNotRecorded(ILogger logger, Exception exception, Guid writeId);
}

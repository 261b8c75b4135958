using System.Diagnostics;

namespace Tx.MultiWrite.Telemetry;

/// <summary>Names of the package's meter, activity source and instruments.</summary>
internal static class MultiWriteTelemetry
{
    public const string MeterName = "Tx.MultiWrite";
    public const string ActivitySourceName = "Tx.MultiWrite";
    public const string Writes = "tx.multiwrite.writes";
    public const string WriteDuration = "tx.multiwrite.write.duration";
    public const string LegAttempts = "tx.multiwrite.leg.attempts";
    public const string LegDuration = "tx.multiwrite.leg.duration";
    public const string Compensations = "tx.multiwrite.compensations";
    public const string RetryQueueDepth = "tx.multiwrite.retry_queue.depth";
    public const string DeadLetters = "tx.multiwrite.dead_letters";
    public const string TargetTag = "tx.multiwrite.target";
    public const string OutcomeTag = "tx.multiwrite.outcome";
    public const string StatusTag = "tx.multiwrite.status";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}

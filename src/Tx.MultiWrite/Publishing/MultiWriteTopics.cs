namespace Tx.MultiWrite.Publishing;

/// <summary>The topics and event types the multi-writer publishes to (the guide's names).</summary>
public static class MultiWriteTopics
{
    /// <summary>Each failed leg attempt (and each dead-lettered leg).</summary>
    public const string FailedWrites = "failed-writes";

    /// <summary>Compensations of all-or-nothing writes.</summary>
    public const string CompensationEvents = "compensation-events";

    /// <summary>The event type of a compensation.</summary>
    public const string CompensationRequired = "COMPENSATION_REQUIRED";
}

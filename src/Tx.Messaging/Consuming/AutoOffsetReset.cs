namespace Tx.Messaging.Consuming;

/// <summary>Where a consumer group starts on a partition it has no committed offset for.</summary>
public enum AutoOffsetReset
{
    /// <summary>From the oldest retained message (nothing already produced is missed).</summary>
    Earliest = 0,

    /// <summary>From the next message produced.</summary>
    Latest = 1,
}

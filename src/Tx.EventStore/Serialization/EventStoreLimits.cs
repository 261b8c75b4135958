namespace Tx.EventStore.Serialization;

/// <summary>Fixed limits every provider's schema is sized for.</summary>
public static class EventStoreLimits
{
    /// <summary>The longest stream id, in characters.</summary>
    public const int MaxStreamIdLength = 200;

    /// <summary>The longest event type name, in characters.</summary>
    public const int MaxTypeNameLength = 200;

    /// <summary>The longest metadata value (correlation, causation, user), in characters.</summary>
    public const int MaxMetadataValueLength = 200;
}

namespace Tx.EventStore.Reading;

/// <summary>A stored event together with its deserialized (and upcast) domain object.</summary>
/// <param name="Record">The stored event.</param>
/// <param name="Data">The domain object.</param>
public sealed record ResolvedEvent(RecordedEvent Record, object Data)
{
    /// <summary>Gets the stream id.</summary>
    public string StreamId => Record.StreamId;

    /// <summary>Gets the version in the stream.</summary>
    public long StreamVersion => Record.StreamVersion;

    /// <summary>Gets the global position.</summary>
    public long Position => Record.Position;

    /// <summary>Gets the stable type name.</summary>
    public string EventType => Record.EventType;

    /// <summary>Gets when the event was appended.</summary>
    public DateTimeOffset Timestamp => Record.Timestamp;
}

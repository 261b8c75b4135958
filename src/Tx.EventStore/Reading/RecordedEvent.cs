using Tx.EventStore.Appending;

namespace Tx.EventStore.Reading;

/// <summary>
/// A stored event as the provider returns it: position, version, type name, schema version and the raw
/// UTF-8 JSON payload. Subscriptions, the outbox and mirrors work on this form;
/// <see cref="IEventStore.Deserialize(RecordedEvent)"/> turns it into the domain object.
/// </summary>
public sealed class RecordedEvent
{
    /// <summary>Initializes a new instance of the <see cref="RecordedEvent"/> class.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="eventType">The stable type name.</param>
    /// <param name="schemaVersion">The schema version the payload was written with.</param>
    /// <param name="streamVersion">The version in the stream (1 for the first event).</param>
    /// <param name="position">The global position (1 for the first event of the store).</param>
    /// <param name="timestamp">When the event was appended.</param>
    /// <param name="metadata">Correlation, causation and user.</param>
    /// <param name="data">The UTF-8 JSON payload.</param>
    public RecordedEvent(
        string streamId,
        Guid eventId,
        string eventType,
        int schemaVersion,
        long streamVersion,
        long position,
        DateTimeOffset timestamp,
        EventMetadata metadata,
        ReadOnlyMemory<byte> data)
    {
        StreamId = streamId;
        EventId = eventId;
        EventType = eventType;
        SchemaVersion = schemaVersion;
        StreamVersion = streamVersion;
        Position = position;
        Timestamp = timestamp;
        Metadata = metadata;
        Data = data;
    }

    /// <summary>Gets the stream id.</summary>
    public string StreamId { get; }

    /// <summary>Gets the event id.</summary>
    public Guid EventId { get; }

    /// <summary>Gets the stable type name.</summary>
    public string EventType { get; }

    /// <summary>Gets the schema version the payload was written with.</summary>
    public int SchemaVersion { get; }

    /// <summary>Gets the version in the stream (1 for the first event).</summary>
    public long StreamVersion { get; }

    /// <summary>Gets the global position.</summary>
    public long Position { get; }

    /// <summary>Gets when the event was appended.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets correlation, causation and user.</summary>
    public EventMetadata Metadata { get; }

    /// <summary>Gets the UTF-8 JSON payload.</summary>
    public ReadOnlyMemory<byte> Data { get; }
}

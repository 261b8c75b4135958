using Tx.EventStore.Appending;

namespace Tx.EventStore.Providers;

/// <summary>An event ready to be stored: serialized payload, stable type name and timestamp, chosen by the core.</summary>
public sealed class UncommittedEvent
{
    /// <summary>Initializes a new instance of the <see cref="UncommittedEvent"/> class.</summary>
    /// <param name="eventId">The event id (unique in the store).</param>
    /// <param name="eventType">The stable type name.</param>
    /// <param name="schemaVersion">The schema version of the payload.</param>
    /// <param name="data">The UTF-8 JSON payload.</param>
    /// <param name="metadata">Correlation, causation and user.</param>
    /// <param name="timestamp">The append time (from the store's <see cref="TimeProvider"/>).</param>
    public UncommittedEvent(Guid eventId, string eventType, int schemaVersion, ReadOnlyMemory<byte> data, EventMetadata metadata, DateTimeOffset timestamp)
    {
        EventId = eventId;
        EventType = eventType;
        SchemaVersion = schemaVersion;
        Data = data;
        Metadata = metadata;
        Timestamp = timestamp;
    }

    /// <summary>Gets the event id.</summary>
    public Guid EventId { get; }

    /// <summary>Gets the stable type name.</summary>
    public string EventType { get; }

    /// <summary>Gets the schema version of the payload.</summary>
    public int SchemaVersion { get; }

    /// <summary>Gets the UTF-8 JSON payload.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets correlation, causation and user.</summary>
    public EventMetadata Metadata { get; }

    /// <summary>Gets the append time.</summary>
    public DateTimeOffset Timestamp { get; }
}

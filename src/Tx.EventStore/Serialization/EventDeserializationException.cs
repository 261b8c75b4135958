using System.Globalization;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Serialization;

/// <summary>Raised when a stored event cannot be turned back into an object; names the stream, version and type.</summary>
public sealed class EventDeserializationException : EventStoreException
{
    /// <summary>Initializes a new instance of the <see cref="EventDeserializationException"/> class.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="streamVersion">The event's version in the stream.</param>
    /// <param name="eventType">The stored type name.</param>
    /// <param name="schemaVersion">The stored schema version.</param>
    /// <param name="reason">Why it failed.</param>
    /// <param name="innerException">The serializer's error, if any.</param>
    public EventDeserializationException(string streamId, long streamVersion, string eventType, int schemaVersion, string reason, Exception? innerException = null)
        : base(
            string.Format(
                CultureInfo.InvariantCulture,
                "Cannot read event {0} of stream '{1}' (type '{2}', schema version {3}): {4}",
                streamVersion,
                streamId,
                eventType,
                schemaVersion,
                reason),
            innerException)
    {
        StreamId = streamId;
        StreamVersion = streamVersion;
        EventType = eventType;
        SchemaVersion = schemaVersion;
    }

    /// <summary>Gets the stream id.</summary>
    public string StreamId { get; }

    /// <summary>Gets the event's version in the stream.</summary>
    public long StreamVersion { get; }

    /// <summary>Gets the stored type name.</summary>
    public string EventType { get; }

    /// <summary>Gets the stored schema version.</summary>
    public int SchemaVersion { get; }
}

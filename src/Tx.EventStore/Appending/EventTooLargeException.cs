using System.Globalization;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Appending;

/// <summary>Raised when a serialized event exceeds the configured maximum size. Nothing was written.</summary>
public sealed class EventTooLargeException : EventStoreException
{
    /// <summary>Initializes a new instance of the <see cref="EventTooLargeException"/> class.</summary>
    /// <param name="streamId">The stream appended to.</param>
    /// <param name="eventType">The event's type name.</param>
    /// <param name="size">The serialized size in bytes.</param>
    /// <param name="maxSize">The configured maximum in bytes.</param>
    public EventTooLargeException(string streamId, string eventType, int size, int maxSize)
        : base(string.Format(
            CultureInfo.InvariantCulture,
            "Event '{0}' appended to stream '{1}' is {2} bytes; the maximum is {3} bytes (EventStoreOptions.MaxEventSize).",
            eventType,
            streamId,
            size,
            maxSize))
    {
        StreamId = streamId;
        EventType = eventType;
        Size = size;
        MaxSize = maxSize;
    }

    /// <summary>Gets the stream appended to.</summary>
    public string StreamId { get; }

    /// <summary>Gets the event's type name.</summary>
    public string EventType { get; }

    /// <summary>Gets the serialized size in bytes.</summary>
    public int Size { get; }

    /// <summary>Gets the configured maximum size in bytes.</summary>
    public int MaxSize { get; }
}

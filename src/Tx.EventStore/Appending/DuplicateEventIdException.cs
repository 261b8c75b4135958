using Tx.EventStore.Streams;

namespace Tx.EventStore.Appending;

/// <summary>
/// Raised when an append carries an event id that is already stored and the append is not an exact retry
/// of the append that stored it (see the idempotency rules in the README). Nothing was written.
/// </summary>
public sealed class DuplicateEventIdException : EventStoreException
{
    /// <summary>Initializes a new instance of the <see cref="DuplicateEventIdException"/> class.</summary>
    /// <param name="streamId">The stream appended to.</param>
    /// <param name="eventId">The duplicate event id, when the provider knows which one.</param>
    /// <param name="innerException">The provider's error (for example a unique-key violation).</param>
    public DuplicateEventIdException(string streamId, Guid? eventId, Exception? innerException = null)
        : base(
            eventId is { } id
                ? $"Append to stream '{streamId}' carries event id {id}, which is already stored."
                : $"Append to stream '{streamId}' carries an event id that is already stored.",
            innerException)
    {
        StreamId = streamId;
        EventId = eventId;
    }

    /// <summary>Gets the stream appended to.</summary>
    public string StreamId { get; }

    /// <summary>Gets the duplicate event id, when known.</summary>
    public Guid? EventId { get; }
}

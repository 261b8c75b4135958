namespace Tx.EventStore.Appending;

/// <summary>
/// An event to append: the domain event object (serialized with System.Text.Json under the stable type
/// name registered for its CLR type), its id and its metadata.
/// </summary>
public sealed class EventData
{
    /// <summary>Initializes a new instance of the <see cref="EventData"/> class.</summary>
    /// <param name="data">The domain event; its CLR type must be registered in the event type map.</param>
    /// <param name="metadata">Correlation, causation and user; <see langword="null"/> for none.</param>
    /// <param name="eventId">
    /// The event id. Pass a stable id to make retries idempotent; <see langword="null"/> creates a new
    /// version 7 <see cref="Guid"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    public EventData(object data, EventMetadata? metadata = null, Guid? eventId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        Metadata = metadata ?? EventMetadata.Empty;
        EventId = eventId ?? Guid.CreateVersion7();
    }

    /// <summary>Gets the event id (unique in the whole store).</summary>
    public Guid EventId { get; }

    /// <summary>Gets the domain event.</summary>
    public object Data { get; }

    /// <summary>Gets the metadata.</summary>
    public EventMetadata Metadata { get; }
}

using Tx.EventStore.Streams;

namespace Tx.EventStore.Serialization;

/// <summary>Raised when an event's CLR type has no stable name in the <see cref="EventTypeMap"/>. Nothing was written.</summary>
public sealed class UnknownEventTypeException : EventStoreException
{
    /// <summary>Initializes a new instance of the <see cref="UnknownEventTypeException"/> class.</summary>
    /// <param name="streamId">The stream appended to.</param>
    /// <param name="clrType">The unregistered CLR type.</param>
    public UnknownEventTypeException(string streamId, Type clrType)
        : base($"Cannot append to stream '{streamId}': event type {clrType} is not registered. Register it with EventStoreOptions.Types.Add<{clrType.Name}>(\"StableName\").")
    {
        StreamId = streamId;
        ClrType = clrType;
    }

    /// <summary>Gets the stream appended to.</summary>
    public string StreamId { get; }

    /// <summary>Gets the unregistered CLR type.</summary>
    public Type ClrType { get; }
}

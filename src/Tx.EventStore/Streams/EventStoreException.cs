namespace Tx.EventStore.Streams;

/// <summary>The base type of the errors the event store raises about streams and events.</summary>
public class EventStoreException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="EventStoreException"/> class.</summary>
    public EventStoreException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EventStoreException"/> class.</summary>
    /// <param name="message">The message.</param>
    public EventStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EventStoreException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EventStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

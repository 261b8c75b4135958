namespace Tx.Messaging.Producing;

/// <summary>Thrown when a transport could not store a produced message.</summary>
public sealed class MessageProduceException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public MessageProduceException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The error message.</param>
    public MessageProduceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The transport's error.</param>
    public MessageProduceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the topic the message was produced to, when known.</summary>
    public string? Topic { get; init; }
}

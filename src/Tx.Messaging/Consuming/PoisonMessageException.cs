namespace Tx.Messaging.Consuming;

/// <summary>
/// Thrown (by the consumer or by a handler) for a message that can never be handled, such as one that
/// cannot be deserialized: it goes to the dead-letter topic at once, without retries.
/// </summary>
public sealed class PoisonMessageException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public PoisonMessageException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The error message.</param>
    public PoisonMessageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public PoisonMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

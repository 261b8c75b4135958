namespace Tx.Messaging.Consuming;

/// <summary>Recorded as the failure of a handler call that exceeded its time budget.</summary>
public sealed class HandlerTimeoutException : TimeoutException
{
    /// <summary>Initializes the exception.</summary>
    public HandlerTimeoutException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The error message.</param>
    public HandlerTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public HandlerTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

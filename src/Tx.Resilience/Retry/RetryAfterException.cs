namespace Tx.Resilience.Retry;

/// <summary>
/// A failure that carries the server's Retry-After, for operations that turn a throttled response (HTTP 429/503)
/// into an exception. <see cref="RetryStrategy"/> waits exactly <see cref="RetryAfter"/> before the next attempt.
/// </summary>
public sealed class RetryAfterException : Exception, IRetryAfterSource
{
    /// <summary>Initializes a new instance of the <see cref="RetryAfterException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="retryAfter">How long the server asked to wait.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public RetryAfterException(string message, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <inheritdoc/>
    public TimeSpan? RetryAfter { get; }
}

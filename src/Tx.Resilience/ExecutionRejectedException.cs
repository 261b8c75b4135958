namespace Tx.Resilience;

/// <summary>
/// Base class of the exceptions a resilience strategy throws when it refuses to run an operation
/// (open circuit, full bulkhead, rate limit, timeout). The operation's own exceptions never derive from it.
/// </summary>
public abstract class ExecutionRejectedException : Exception, IRetryAfterSource
{
    /// <summary>Initializes a new instance of the <see cref="ExecutionRejectedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="retryAfter">How long to wait before trying again, when known.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    protected ExecutionRejectedException(string message, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Gets how long to wait before trying again, or <see langword="null"/> when unknown.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the name of the strategy instance that rejected the call, if it has one.</summary>
    public string? StrategyName { get; init; }
}

namespace Tx.Resilience.Timeouts;

/// <summary>Thrown when an operation did not complete within its timeout.</summary>
public sealed class TimeoutRejectedException : ExecutionRejectedException
{
    /// <summary>Initializes a new instance of the <see cref="TimeoutRejectedException"/> class.</summary>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="innerException">The cancellation the operation observed, if any.</param>
    public TimeoutRejectedException(TimeSpan timeout, Exception? innerException = null)
        : base($"The operation did not complete within {timeout}.", null, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>Gets the timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}

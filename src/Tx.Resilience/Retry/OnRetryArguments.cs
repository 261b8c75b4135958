namespace Tx.Resilience.Retry;

/// <summary>Passed to <see cref="RetryOptions.OnRetry"/> before each retry waits.</summary>
public readonly struct OnRetryArguments
{
    /// <summary>Initializes a new instance of the <see cref="OnRetryArguments"/> struct.</summary>
    /// <param name="retryName">The retry strategy's name.</param>
    /// <param name="attemptNumber">The retry about to happen: 1 for the first retry.</param>
    /// <param name="delay">How long the strategy waits before that retry.</param>
    /// <param name="exception">The failure being retried.</param>
    public OnRetryArguments(string retryName, int attemptNumber, TimeSpan delay, Exception exception)
    {
        RetryName = retryName;
        AttemptNumber = attemptNumber;
        Delay = delay;
        Exception = exception;
    }

    /// <summary>Gets the retry strategy's name.</summary>
    public string RetryName { get; }

    /// <summary>Gets the retry about to happen: 1 for the first retry.</summary>
    public int AttemptNumber { get; }

    /// <summary>Gets how long the strategy waits before that retry.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Gets the failure being retried.</summary>
    public Exception Exception { get; }
}

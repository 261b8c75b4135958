namespace Tx.Resilience.CircuitBreaking;

/// <summary>The result of a non-throwing call through a <see cref="CircuitBreaker"/>: either the operation's result or a rejection.</summary>
/// <typeparam name="TResult">The operation's result type.</typeparam>
public readonly struct CircuitBreakerResult<TResult>
{
    private readonly TResult _result;

    internal CircuitBreakerResult(TResult result)
    {
        _result = result;
        IsRejected = false;
        RetryAfter = null;
    }

    internal CircuitBreakerResult(TimeSpan? retryAfter)
    {
        _result = default!;
        IsRejected = true;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets a value indicating whether the breaker rejected the call without running it.</summary>
    public bool IsRejected { get; }

    /// <summary>Gets, for a rejection, how long until the breaker admits a probe (<see langword="null"/> when isolated).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the operation's result.</summary>
    /// <exception cref="InvalidOperationException">The call was rejected.</exception>
    public TResult Result => IsRejected ? throw new InvalidOperationException("The call was rejected by the circuit breaker.") : _result;

    /// <summary>Gets the operation's result, or <paramref name="fallback"/> when the call was rejected.</summary>
    /// <param name="fallback">The value to return on rejection.</param>
    /// <returns>The result or the fallback.</returns>
    public TResult GetResultOrDefault(TResult fallback) => IsRejected ? fallback : _result;
}

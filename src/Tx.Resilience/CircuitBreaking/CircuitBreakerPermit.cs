namespace Tx.Resilience.CircuitBreaking;

/// <summary>
/// The answer of <see cref="CircuitBreaker.TryAcquire(out CircuitBreakerPermit)"/>. When granted, report the outcome with
/// <see cref="CircuitBreaker.RecordSuccess(in CircuitBreakerPermit)"/>, <see cref="CircuitBreaker.RecordFailure(in CircuitBreakerPermit)"/>
/// or <see cref="CircuitBreaker.RecordIgnored(in CircuitBreakerPermit)"/> exactly once.
/// </summary>
public readonly struct CircuitBreakerPermit
{
    internal CircuitBreakerPermit(int stateWord, bool isGranted, TimeSpan? retryAfter)
    {
        StateWord = stateWord;
        IsGranted = isGranted;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets a value indicating whether the call may proceed.</summary>
    public bool IsGranted { get; }

    /// <summary>Gets, for a rejection, how long until the breaker admits a probe; <see langword="null"/> when isolated or granted.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the state the permit was issued in.</summary>
    public CircuitState State => (CircuitState)(StateWord & CircuitBreaker.StateMask);

    internal int StateWord { get; }
}

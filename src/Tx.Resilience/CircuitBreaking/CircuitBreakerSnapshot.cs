namespace Tx.Resilience.CircuitBreaking;

/// <summary>A consistent view of a <see cref="CircuitBreaker"/> at one instant, for health and metrics endpoints.</summary>
/// <param name="Name">The breaker's name.</param>
/// <param name="State">The state.</param>
/// <param name="FailureRate">Failures divided by calls in the sampling window, 0..1 (0 when there were no calls).</param>
/// <param name="Calls">Calls recorded in the sampling window.</param>
/// <param name="Failures">Failures recorded in the sampling window.</param>
/// <param name="ConsecutiveFailures">Failures in a row since the last success.</param>
/// <param name="RetryAt">When an open circuit admits its next probe; <see langword="null"/> unless <see cref="State"/> is <see cref="CircuitState.Open"/>.</param>
public readonly record struct CircuitBreakerSnapshot(
    string Name,
    CircuitState State,
    double FailureRate,
    long Calls,
    long Failures,
    int ConsecutiveFailures,
    DateTimeOffset? RetryAt)
{
    /// <summary>Gets the failure rate as a percentage (0..100), as the guide prints it.</summary>
    public double FailureRatePercent => FailureRate * 100.0;

    /// <summary>Gets the state's wire name (<c>CLOSED</c>, <c>OPEN</c>, <c>HALF_OPEN</c>, <c>ISOLATED</c>).</summary>
    public string StateName => State.ToWireName();
}

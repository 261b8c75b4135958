namespace Tx.Resilience.CircuitBreaking;

/// <summary>How a closed <see cref="CircuitBreaker"/> decides to open.</summary>
public enum CircuitBreakerMode
{
    /// <summary>
    /// Opens when, inside the sampling window, at least <see cref="CircuitBreakerOptions.MinimumThroughput"/>
    /// calls were made and the failure ratio is at least <see cref="CircuitBreakerOptions.FailureRatio"/>.
    /// </summary>
    FailureRatio = 0,

    /// <summary>Opens after <see cref="CircuitBreakerOptions.ConsecutiveFailureThreshold"/> failures in a row.</summary>
    ConsecutiveFailures = 1,
}

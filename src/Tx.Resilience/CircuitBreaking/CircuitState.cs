namespace Tx.Resilience.CircuitBreaking;

/// <summary>The state of a <see cref="CircuitBreaker"/>.</summary>
public enum CircuitState
{
    /// <summary>Calls flow; outcomes are sampled. Wire name <c>CLOSED</c>.</summary>
    Closed = 0,

    /// <summary>Calls are rejected at once until the break duration has elapsed. Wire name <c>OPEN</c>.</summary>
    Open = 1,

    /// <summary>A limited number of probe calls test whether the dependency recovered. Wire name <c>HALF_OPEN</c>.</summary>
    HalfOpen = 2,

    /// <summary>Manually held open by <see cref="CircuitBreaker.Isolate"/> until <see cref="CircuitBreaker.Reset"/>. Wire name <c>ISOLATED</c>.</summary>
    Isolated = 3,
}

namespace Tx.MultiWrite.Gating;

/// <summary>The state of a leg's circuit breaker.</summary>
public enum CircuitState
{
    /// <summary>Calls go through.</summary>
    Closed = 0,

    /// <summary>Calls are rejected at once, without calling the target.</summary>
    Open = 1,

    /// <summary>A probe is let through; its outcome closes or re-opens the breaker.</summary>
    HalfOpen = 2,
}

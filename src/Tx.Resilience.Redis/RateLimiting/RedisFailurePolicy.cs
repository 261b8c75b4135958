namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>What a Redis limiter decides while Redis cannot be reached (or its circuit breaker is open).</summary>
public enum RedisFailurePolicy
{
    /// <summary>Decide with an in-memory sliding window per key on this instance (the limit then holds per instance).</summary>
    FallBackToInMemory = 0,

    /// <summary>Allow every request: availability over protection.</summary>
    FailOpen = 1,

    /// <summary>Reject every request: protection over availability.</summary>
    FailClosed = 2,
}

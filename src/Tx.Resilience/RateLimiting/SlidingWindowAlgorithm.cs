namespace Tx.Resilience.RateLimiting;

/// <summary>How a sliding-window limiter counts the permits inside its window.</summary>
public enum SlidingWindowAlgorithm
{
    /// <summary>
    /// Exact sliding-window log: every grant is recorded with its time and counts until exactly one window
    /// later. Memory grows with the number of grants inside a window (at most the permit limit).
    /// </summary>
    Log = 0,

    /// <summary>
    /// Approximate sliding-window counter: the previous fixed window's count, weighted by how much of it
    /// still overlaps the sliding window, plus the current fixed window's count. Constant memory per key.
    /// </summary>
    Counter = 1,
}

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The approximate sliding-window counter limiter: constant memory, the previous fixed window's count weighted
/// by its overlap with the sliding window plus the current fixed window's count (rounded up, so it never
/// admits more than an exact log would over the last two fixed windows combined).
/// </summary>
public sealed class SlidingWindowCounterRateLimiter : SlidingWindowLimiter
{
    /// <summary>Initializes a new instance of the <see cref="SlidingWindowCounterRateLimiter"/> class.</summary>
    /// <param name="options">The limit, window and queue limit (<see cref="SlidingWindowLimiterOptions.Algorithm"/> is ignored).</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid; the message names every invalid option.</exception>
    public SlidingWindowCounterRateLimiter(SlidingWindowLimiterOptions options, TimeProvider? timeProvider = null)
        : this(options, timeProvider, null, null)
    {
    }

    internal SlidingWindowCounterRateLimiter(
        SlidingWindowLimiterOptions options, TimeProvider? timeProvider, RateLimitingMetrics? metrics, string? name)
        : base(options, SlidingWindowAlgorithm.Counter, timeProvider, metrics, name)
    {
    }
}

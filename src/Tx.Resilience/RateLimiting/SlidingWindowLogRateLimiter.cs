namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The exact sliding-window log limiter: a grant counts until exactly one window after it was made, so no
/// window of that length ever holds more than the permit limit. Retry-after is when the oldest grants expire.
/// </summary>
public sealed class SlidingWindowLogRateLimiter : SlidingWindowLimiter
{
    /// <summary>Initializes a new instance of the <see cref="SlidingWindowLogRateLimiter"/> class.</summary>
    /// <param name="options">The limit, window and queue limit (<see cref="SlidingWindowLimiterOptions.Algorithm"/> is ignored).</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid; the message names every invalid option.</exception>
    public SlidingWindowLogRateLimiter(SlidingWindowLimiterOptions options, TimeProvider? timeProvider = null)
        : this(options, timeProvider, null, null)
    {
    }

    internal SlidingWindowLogRateLimiter(
        SlidingWindowLimiterOptions options, TimeProvider? timeProvider, RateLimitingMetrics? metrics, string? name)
        : base(options, SlidingWindowAlgorithm.Log, timeProvider, metrics, name)
    {
    }
}

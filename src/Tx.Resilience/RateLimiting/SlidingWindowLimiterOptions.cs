using System.ComponentModel.DataAnnotations;

namespace Tx.Resilience.RateLimiting;

/// <summary>Options of <see cref="SlidingWindowLogRateLimiter"/> and <see cref="SlidingWindowCounterRateLimiter"/>.</summary>
public sealed class SlidingWindowLimiterOptions
{
    /// <summary>Gets or sets the number of permits granted inside any window.</summary>
    /// <value>The default value is 100 (the guide's gateway limit).</value>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = SlidingWindowDefaults.PermitLimit;

    /// <summary>Gets or sets the length of the sliding window.</summary>
    /// <value>The default value is 15 minutes (the guide's gateway window).</value>
#pragma warning disable IL2026 // The [OptionsValidator] generator checks this range in generated code, without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan Window { get; set; } = SlidingWindowDefaults.Window;

    /// <summary>
    /// Gets or sets the maximum number of permits that <c>AcquireAsync</c> callers may wait for (oldest first)
    /// when the window is full. Zero rejects at once.
    /// </summary>
    /// <value>The default value is 0 (no queueing).</value>
    [Range(0, int.MaxValue)]
    public int QueueLimit { get; set; }

    /// <summary>Gets or sets the counting algorithm used when the limiter is created through dependency injection.</summary>
    /// <value>The default value is <see cref="SlidingWindowAlgorithm.Log"/> (exact).</value>
    [EnumDataType(typeof(SlidingWindowAlgorithm))]
    public SlidingWindowAlgorithm Algorithm { get; set; } = SlidingWindowAlgorithm.Log;
}

using System.ComponentModel.DataAnnotations;

namespace Tx.Resilience.RateLimiting;

/// <summary>Options of <see cref="PartitionedSlidingWindowRateLimiter{TKey}"/>: one sliding window per key.</summary>
public sealed class PartitionedSlidingWindowLimiterOptions
{
    /// <summary>Gets or sets the number of permits each key is granted inside any window.</summary>
    /// <value>The default value is 100 (the guide's per-IP gateway limit).</value>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = SlidingWindowDefaults.PermitLimit;

    /// <summary>Gets or sets the length of the sliding window.</summary>
    /// <value>The default value is 15 minutes.</value>
#pragma warning disable IL2026 // The [OptionsValidator] generator checks this range in generated code, without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan Window { get; set; } = SlidingWindowDefaults.Window;

    /// <summary>Gets or sets the counting algorithm of every key's window.</summary>
    /// <value>The default value is <see cref="SlidingWindowAlgorithm.Log"/> (exact).</value>
    [EnumDataType(typeof(SlidingWindowAlgorithm))]
    public SlidingWindowAlgorithm Algorithm { get; set; } = SlidingWindowAlgorithm.Log;

    /// <summary>
    /// Gets or sets the maximum number of keys tracked at once. When every tracked key still has permits in
    /// its window, a request for a new key is rejected rather than evicting another key's history (evicting
    /// would let a client that rotates keys reset everyone else's limit).
    /// </summary>
    /// <value>The default value is 100,000.</value>
    [Range(1, int.MaxValue)]
    public int MaxTrackedKeys { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets how often idle keys (whose window holds no permits) are removed. The sweep runs on the
    /// thread pool, started by the first decision after the interval has passed.
    /// </summary>
    /// <value>The default value is 1 minute.</value>
#pragma warning disable IL2026 // The [OptionsValidator] generator checks this range in generated code, without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromMinutes(1);
}

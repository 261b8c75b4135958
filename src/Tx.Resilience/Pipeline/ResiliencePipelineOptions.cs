namespace Tx.Resilience.Pipeline;

/// <summary>
/// Options of a named pipeline registered with <c>AddPipeline</c>: the names of the registered strategies it composes.
/// Every name is optional; the order is always rate limiter → timeout → retry → circuit breaker → bulkhead.
/// </summary>
public sealed class ResiliencePipelineOptions
{
    /// <summary>Gets or sets the name of a <see cref="System.Threading.RateLimiting.RateLimiter"/> registered as a keyed service.</summary>
    /// <value>The default value is <see langword="null"/> (no rate limiter).</value>
    public string? RateLimiter { get; set; }

    /// <summary>Gets or sets the name of a timeout registered with <c>AddTimeout</c>.</summary>
    /// <value>The default value is <see langword="null"/> (no timeout).</value>
    public string? Timeout { get; set; }

    /// <summary>Gets or sets the name of a retry registered with <c>AddRetry</c>.</summary>
    /// <value>The default value is <see langword="null"/> (no retry).</value>
    public string? Retry { get; set; }

    /// <summary>Gets or sets the name of a circuit breaker registered with <c>AddCircuitBreaker</c>.</summary>
    /// <value>The default value is <see langword="null"/> (no breaker).</value>
    public string? CircuitBreaker { get; set; }

    /// <summary>Gets or sets the name of a bulkhead registered with <c>AddBulkhead</c>.</summary>
    /// <value>The default value is <see langword="null"/> (no bulkhead).</value>
    public string? Bulkhead { get; set; }
}

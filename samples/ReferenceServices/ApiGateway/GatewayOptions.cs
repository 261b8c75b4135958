using ApiGateway.RateLimiting;

namespace ApiGateway;

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public RateLimitSettings RateLimit { get; set; } = new();

    /// <summary>Breaker: opens at this failure ratio over <see cref="SamplingDuration"/> (guide: 50 %, 30 s).</summary>
    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int MinimumThroughput { get; set; } = 5;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bulkhead per service (guide: 15 concurrent, others queue, 30 s max wait).</summary>
    public int MaxConcurrency { get; set; } = 15;

    public int MaxQueueLength { get; set; } = 200;

    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

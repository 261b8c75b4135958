namespace ApiGateway.RateLimiting;

/// <summary>Per-client-IP sliding window (guide: 100 requests per 15 minutes).</summary>
public sealed class RateLimitSettings
{
    public int PermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Use the first X-Forwarded-For address as the client (only behind a trusted proxy).</summary>
    public bool TrustForwardedFor { get; set; }
}

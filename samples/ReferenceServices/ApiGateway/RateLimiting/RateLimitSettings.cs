namespace ApiGateway.RateLimiting;

/// <summary>Per-client-IP sliding window (guide: 100 requests per 15 minutes).</summary>
public sealed class RateLimitSettings
{
    public int PermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Use the first X-Forwarded-For address as the client (only behind a trusted proxy).</summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>Rejected clients remembered (for up to a second, never past their retry-after) and rejected again
    /// without asking Redis; 0 asks Redis for every request.</summary>
    public int RejectionCacheMaxKeys { get; set; } = 100_000;

    /// <summary>With the embedded Garnet: run the limiter's script on it in process (no socket; the default), or over
    /// loopback TCP through StackExchange.Redis like an external Redis (false; kept to measure the difference).</summary>
    public bool EmbeddedInProcess { get; set; } = true;
}

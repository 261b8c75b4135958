namespace Tx.Resilience.RateLimiting;

/// <summary>The guide's gateway limit: 100 requests per 15 minutes.</summary>
internal static class SlidingWindowDefaults
{
    public const int PermitLimit = 100;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
}

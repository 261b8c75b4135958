namespace Tx.Resilience.RateLimiting;

/// <summary>Metric names and tag values of the sliding-window limiters.</summary>
internal static class RateLimitingConstants
{
    public const string MeterName = "Tx.Resilience";

    public const string DecisionsInstrument = "tx.resilience.rate_limiting.decisions";

    public const string EvictedKeysInstrument = "tx.resilience.rate_limiting.evicted_keys";

    public const string LimiterTag = "tx.resilience.limiter";

    public const string ResultTag = "tx.resilience.rate_limiting.result";

    public const string Allowed = "allowed";

    public const string Rejected = "rejected";

    public const string DefaultLimiterName = "default";
}

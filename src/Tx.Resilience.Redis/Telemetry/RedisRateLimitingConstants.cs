namespace Tx.Resilience.Redis.Telemetry;

/// <summary>Metric names and tag values of the Redis limiter.</summary>
internal static class RedisRateLimitingConstants
{
    public const string MeterName = "Tx.Resilience.Redis";

    public const string DecisionsInstrument = "tx.resilience.redis.rate_limiting.decisions";

    public const string FailuresInstrument = "tx.resilience.redis.rate_limiting.failures";

    public const string ScriptReloadsInstrument = "tx.resilience.redis.rate_limiting.script_reloads";

    public const string LimiterTag = "tx.resilience.limiter";

    public const string ResultTag = "tx.resilience.rate_limiting.result";

    public const string SourceTag = "tx.resilience.rate_limiting.source";

    public const string ErrorTypeTag = "error.type";

    public const string Allowed = "allowed";

    public const string Rejected = "rejected";

    public const string SourceRedis = "redis";

    public const string SourceFallback = "fallback";

    public const string SourceRejectionCache = "rejection_cache";

    public const string SourceFailOpen = "fail_open";

    public const string SourceFailClosed = "fail_closed";

    public const string BreakerOpen = "breaker_open";
}

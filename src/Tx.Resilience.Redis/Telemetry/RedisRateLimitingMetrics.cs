using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Tx.Resilience.Redis.Telemetry;

/// <summary>
/// Instruments on the "Tx.Resilience.Redis" meter: decisions (tagged allowed / rejected and who decided: redis,
/// fallback, fail_open, fail_closed), Redis failures by error type, and script reloads after NOSCRIPT.
/// </summary>
internal sealed class RedisRateLimitingMetrics
{
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _reloads;

    public RedisRateLimitingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(RedisRateLimitingConstants.MeterName);
        _decisions = meter.CreateCounter<long>(
            RedisRateLimitingConstants.DecisionsInstrument, "{decision}", "Rate-limit decisions, by result and by who decided.");
        _failures = meter.CreateCounter<long>(
            RedisRateLimitingConstants.FailuresInstrument, "{failure}", "Decisions Redis could not make (error, timeout, open breaker).");
        _reloads = meter.CreateCounter<long>(
            RedisRateLimitingConstants.ScriptReloadsInstrument, "{reload}", "Scripts sent again because the server had lost them (NOSCRIPT).");
    }

    public void Decision(string limiter, bool allowed, string source)
    {
        if (_decisions.Enabled)
        {
            DecisionCore(limiter, allowed, source);
        }
    }

    public void Failure(string limiter, string errorType)
    {
        if (_failures.Enabled)
        {
            _failures.Add(
                1,
                new KeyValuePair<string, object?>(RedisRateLimitingConstants.LimiterTag, limiter),
                new KeyValuePair<string, object?>(RedisRateLimitingConstants.ErrorTypeTag, errorType));
        }
    }

    public void ScriptReloaded(string limiter)
    {
        if (_reloads.Enabled)
        {
            _reloads.Add(1, new KeyValuePair<string, object?>(RedisRateLimitingConstants.LimiterTag, limiter));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DecisionCore(string limiter, bool allowed, string source)
    {
        _decisions.Add(
            1,
            new KeyValuePair<string, object?>(RedisRateLimitingConstants.LimiterTag, limiter),
            new KeyValuePair<string, object?>(
                RedisRateLimitingConstants.ResultTag, allowed ? RedisRateLimitingConstants.Allowed : RedisRateLimitingConstants.Rejected),
            new KeyValuePair<string, object?>(RedisRateLimitingConstants.SourceTag, source));
    }
}

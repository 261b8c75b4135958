using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The limiters' instruments on the "Tx.Resilience" meter: decisions tagged allowed / rejected, and idle keys
/// evicted by partitioned limiters.
/// </summary>
internal sealed class RateLimitingMetrics
{
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _evictedKeys;

    public RateLimitingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        // The factory owns the meter and returns the same instance to every component that asks for it.
        Meter meter = meterFactory.Create(RateLimitingConstants.MeterName);
        _decisions = meter.CreateCounter<long>(
            RateLimitingConstants.DecisionsInstrument,
            unit: "{decision}",
            description: "Rate-limit decisions, tagged with the limiter and whether the request was allowed.");
        _evictedKeys = meter.CreateCounter<long>(
            RateLimitingConstants.EvictedKeysInstrument,
            unit: "{key}",
            description: "Idle keys removed from partitioned limiters.");
    }

    public void Decision(string limiter, bool allowed)
    {
        if (_decisions.Enabled)
        {
            DecisionCore(limiter, allowed);
        }
    }

    public void Evicted(string limiter, int count)
    {
        if (count > 0 && _evictedKeys.Enabled)
        {
            _evictedKeys.Add(count, new KeyValuePair<string, object?>(RateLimitingConstants.LimiterTag, limiter));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DecisionCore(string limiter, bool allowed)
    {
        _decisions.Add(
            1,
            new KeyValuePair<string, object?>(RateLimitingConstants.LimiterTag, limiter),
            new KeyValuePair<string, object?>(
                RateLimitingConstants.ResultTag,
                allowed ? RateLimitingConstants.Allowed : RateLimitingConstants.Rejected));
    }
}

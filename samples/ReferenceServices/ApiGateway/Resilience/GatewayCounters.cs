using System.Collections.Concurrent;

namespace ApiGateway.Resilience;

/// <summary>Request counters for /metrics.</summary>
public sealed class GatewayCounters
{
    private readonly ConcurrentDictionary<string, long[]> _perService = new(StringComparer.Ordinal);
    private long _rateLimited;

    public long RateLimitedTotal => Interlocked.Read(ref _rateLimited);

    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    public void Proxied(string service) => Interlocked.Increment(ref Get(service)[0]);

    public void FastFailed(string service) => Interlocked.Increment(ref Get(service)[1]);

    public IReadOnlyDictionary<string, object> Snapshot() =>
        _perService.ToDictionary(p => p.Key, p => (object)new { requests = Interlocked.Read(ref p.Value[0]), fastFailures = Interlocked.Read(ref p.Value[1]) });

    private long[] Get(string service) => _perService.GetOrAdd(service, _ => new long[2]);
}

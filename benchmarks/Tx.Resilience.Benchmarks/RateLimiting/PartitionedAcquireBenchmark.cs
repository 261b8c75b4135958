using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Benchmarks.RateLimiting;

/// <summary>
/// One decision on a per-key limiter cycling through 1,000 keys (client IPs), against the runtime's
/// PartitionedRateLimiter.Create with a SlidingWindowRateLimiter per partition, same settings.
/// </summary>
[MemoryDiagnoser]
public class PartitionedAcquireBenchmark
{
    private const int KeyCount = 1_000;
    private string[] _keys = null!;
    private int _next;
    private PartitionedRateLimiter<string> _runtime = null!;
    private PartitionedSlidingWindowRateLimiter<string> _counter = null!;
    private PartitionedSlidingWindowRateLimiter<string> _log = null!;

    [Params("Grant", "Guide")]
    public string Scenario { get; set; } = "Grant";

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, KeyCount).Select(i => $"10.0.{i / 256}.{i % 256}").ToArray();
        bool grant = Scenario == "Grant";
        int limit = grant ? int.MaxValue : 100;
        TimeSpan window = grant ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(15);
        _runtime = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(
            key,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                SegmentsPerWindow = 15,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        _counter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            Algorithm = SlidingWindowAlgorithm.Counter,
        });
        _log = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions());
        foreach (string key in _keys)
        {
            _runtime.AttemptAcquire(key).Dispose();
            _counter.TryAcquire(key);
            _log.TryAcquire(key);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _counter.Dispose();
        _log.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool Runtime_AttemptAcquire()
    {
        using RateLimitLease lease = _runtime.AttemptAcquire(NextKey());
        return lease.IsAcquired;
    }

    [Benchmark]
    public bool Counter_AttemptAcquire()
    {
        using RateLimitLease lease = _counter.AttemptAcquire(NextKey());
        return lease.IsAcquired;
    }

    [Benchmark]
    public bool Counter_TryAcquire() => _counter.TryAcquire(NextKey()).IsAllowed;

    [Benchmark]
    public bool Log_Guide_TryAcquire() => _log.TryAcquire(NextKey()).IsAllowed;

    private string NextKey()
    {
        int next = _next + 1;
        _next = next == KeyCount ? 0 : next;
        return _keys[_next];
    }
}

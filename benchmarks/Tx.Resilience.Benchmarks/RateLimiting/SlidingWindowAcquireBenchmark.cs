using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Benchmarks.RateLimiting;

/// <summary>
/// One decision on a single limiter. "Grant" runs with a limit that is never reached (the hot path of a busy
/// service); "Guide" runs the guide's 100 per 15 minutes, which after the first 100 calls is the rejection path
/// an attacker hits. The anchor is the runtime's SlidingWindowRateLimiter with the same settings.
/// </summary>
[MemoryDiagnoser]
public class SlidingWindowAcquireBenchmark
{
    private System.Threading.RateLimiting.SlidingWindowRateLimiter _runtime = null!;
    private SlidingWindowCounterRateLimiter _counter = null!;
    private SlidingWindowLogRateLimiter _log = null!;

    [Params("Grant", "Guide")]
    public string Scenario { get; set; } = "Grant";

    [GlobalSetup]
    public void Setup()
    {
        bool grant = Scenario == "Grant";
        int limit = grant ? int.MaxValue : 100;
        TimeSpan window = grant ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(15);
        _runtime = new System.Threading.RateLimiting.SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        var options = new SlidingWindowLimiterOptions { PermitLimit = limit, Window = window };
        _counter = new SlidingWindowCounterRateLimiter(options);

        // The exact log stores one entry per distinct tick inside the window; an unreachable limit over a
        // minute would store millions, so the log runs the guide scenario only.
        _log = new SlidingWindowLogRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromMinutes(15) });
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
        using RateLimitLease lease = _runtime.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark]
    public bool Counter_AttemptAcquire()
    {
        using RateLimitLease lease = _counter.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark]
    public bool Counter_TryAcquire() => _counter.TryAcquire().IsAllowed;

    [Benchmark]
    public bool Log_Guide_AttemptAcquire()
    {
        using RateLimitLease lease = _log.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark]
    public bool Log_Guide_TryAcquire() => _log.TryAcquire().IsAllowed;
}

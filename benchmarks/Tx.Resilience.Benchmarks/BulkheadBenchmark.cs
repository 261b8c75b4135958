using BenchmarkDotNet.Attributes;
using Polly;
using Tx.Resilience.Bulkheads;

namespace Tx.Resilience.Benchmarks;

/// <summary>Acquire + release of a free slot: Tx bulkhead vs <see cref="SemaphoreSlim"/> (baseline) vs Polly's concurrency limiter.</summary>
[Config(typeof(ShortRunConfig))]
public class BulkheadBenchmark
{
    private readonly SemaphoreSlim _semaphore = new(15, 15);
    private readonly Bulkhead _tx = new("bench");
    private readonly ResiliencePipeline _polly = new ResiliencePipelineBuilder().AddConcurrencyLimiter(15, 100).Build();

    [Benchmark(Baseline = true)]
    public async ValueTask SemaphoreSlim_WaitRelease()
    {
        await _semaphore.WaitAsync();
        _semaphore.Release();
    }

    [Benchmark]
    public async ValueTask Tx_AcquireRelease()
    {
        BulkheadLease lease = await _tx.AcquireAsync();
        lease.Dispose();
    }

    [Benchmark]
    public ValueTask<int> Tx_Execute() => _tx.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1);

    [Benchmark]
    public ValueTask<int> Polly_ConcurrencyLimiter() => _polly.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1, CancellationToken.None);
}

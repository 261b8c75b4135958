using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using TxPipeline = Tx.Resilience.Pipeline.ResiliencePipeline;
using TxPipelineBuilder = Tx.Resilience.Pipeline.ResiliencePipelineBuilder;

namespace Tx.Resilience.Benchmarks;

/// <summary>timeout → retry → breaker → bulkhead, success path: Tx vs the same Polly 8.9 pipeline (baseline).</summary>
[Config(typeof(ShortRunConfig))]
public class PipelineBenchmark
{
    private readonly TxPipeline _tx = new TxPipelineBuilder("bench")
        .AddTimeout(TimeSpan.FromSeconds(30))
        .AddRetry()
        .AddCircuitBreaker()
        .AddBulkhead()
        .Build();

    private readonly ResiliencePipeline _polly = new ResiliencePipelineBuilder()
        .AddTimeout(TimeSpan.FromSeconds(30))
        .AddRetry(new RetryStrategyOptions())
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions())
        .AddConcurrencyLimiter(15, 100)
        .Build();

    [Benchmark(Baseline = true)]
    public ValueTask<int> Polly_Pipeline() => _polly.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1, CancellationToken.None);

    [Benchmark]
    public ValueTask<int> Tx_Pipeline() => _tx.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1, CancellationToken.None);
}

using BenchmarkDotNet.Attributes;
using Polly;
using Polly.Retry;
using Tx.Resilience.Retry;

namespace Tx.Resilience.Benchmarks;

/// <summary>Retry, first attempt succeeds: Tx vs Polly 8.9 (baseline).</summary>
[Config(typeof(ShortRunConfig))]
public class RetryBenchmark
{
    private readonly RetryStrategy _tx = new("bench");
    private readonly ResiliencePipeline _polly = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build();

    [Benchmark(Baseline = true)]
    public ValueTask<int> Polly_NoFailure() => _polly.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1, CancellationToken.None);

    [Benchmark]
    public ValueTask<int> Tx_NoFailure() => _tx.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1, CancellationToken.None);
}

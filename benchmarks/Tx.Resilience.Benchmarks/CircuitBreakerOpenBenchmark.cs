using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Benchmarks;

/// <summary>Rejection by an open circuit without throwing: Tx <c>TryExecuteAsync</c> vs Polly's outcome path (baseline).</summary>
[Config(typeof(ShortRunConfig))]
public class CircuitBreakerOpenBenchmark
{
    private readonly CircuitBreaker _txOpen = new("open", new CircuitBreakerOptions { MinimumThroughput = 1, BreakDuration = TimeSpan.FromDays(1) });
    private readonly CircuitBreaker _txIsolated = new("isolated");
    private ResiliencePipeline _polly = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var control = new CircuitBreakerManualControl();
        _polly = new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions { ManualControl = control }).Build();
        await control.IsolateAsync();
        _txOpen.TryAcquire(out CircuitBreakerPermit permit);
        _txOpen.RecordFailure(permit);
        _txIsolated.Isolate();
    }

    [Benchmark(Baseline = true)]
    public async ValueTask<bool> Polly_OutcomeRejected()
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get();
        Outcome<int> outcome = await _polly.ExecuteOutcomeAsync(static (_, s) => Outcome.FromResultAsValueTask(s), context, 1);
        ResilienceContextPool.Shared.Return(context);
        return outcome.Exception is not null;
    }

    [Benchmark]
    public async ValueTask<bool> Tx_OpenRejected()
    {
        CircuitBreakerResult<int> result = await _txOpen.TryExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1);
        return result.IsRejected;
    }

    [Benchmark]
    public async ValueTask<bool> Tx_IsolatedRejected()
    {
        CircuitBreakerResult<int> result = await _txIsolated.TryExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1);
        return result.IsRejected;
    }
}

using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Benchmarks;

/// <summary>
/// Breaker success path: Tx vs Polly 8.9 (baseline) vs a raw delegate call. <see cref="RawDelegate"/> invokes a
/// <see langword="static readonly"/> delegate, which the JIT may inline to nothing; <see cref="RawDelegateCall"/> passes the
/// delegate into a method that is not inlined, as a breaker receives it, so the indirect call is really made.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class CircuitBreakerBenchmark
{
    private static readonly Func<int, CancellationToken, ValueTask<int>> s_raw = static (s, _) => ValueTask.FromResult(s);
    private readonly CircuitBreaker _tx = new("bench");
    private readonly ResiliencePipeline _polly = new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions()).Build();

    [Benchmark(Baseline = true)]
    public ValueTask<int> Polly_Success() => _polly.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1, CancellationToken.None);

    [Benchmark]
    public ValueTask<int> Tx_Success() => _tx.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), 1, CancellationToken.None);

    [Benchmark]
    public ValueTask<int> RawDelegate() => s_raw(1, CancellationToken.None);

    [Benchmark]
    public ValueTask<int> RawDelegateCall() => Invoke(static (s, _) => ValueTask.FromResult(s), 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ValueTask<int> Invoke(Func<int, CancellationToken, ValueTask<int>> operation, int state) => operation(state, CancellationToken.None);
}

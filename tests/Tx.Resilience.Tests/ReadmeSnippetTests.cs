using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Pipeline;

namespace Tx.Resilience.Tests;

// The code of src/Tx.Resilience/README.md, compiled and run. Keep the two in sync.
public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task QuickStart_Standalone_RunsAndReportsState()
    {
        CancellationToken cancellationToken = CancellationToken.None;

        // --- README: quick start ---
        var breaker = new CircuitBreaker("payments");   // 50 % over 30 s, at least 3 calls, open for 30 s
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder("payments")
            .AddTimeout(TimeSpan.FromSeconds(10))       // bounds the whole call, retries included
            .AddRetry()                                 // 3 retries from 1 s, ×2, + 0–100 ms, capped at 30 s
            .AddCircuitBreaker(breaker)
            .AddBulkhead()                              // 15 at once, queue of 100, 30 s queue timeout
            .Build();

        // A static lambda plus a state argument: no closure, no allocation on the success path.
        decimal balance = await pipeline.ExecuteAsync(static (account, ct) => GetBalanceAsync(account, ct), "acc-1", cancellationToken);

        CircuitBreakerSnapshot health = breaker.GetSnapshot();
        Console.WriteLine($"{health.StateName} {health.FailureRatePercent:0.0}% of {health.Calls} calls");
        // --- end ---

        Assert.Equal(100m, balance);
        Assert.Equal("CLOSED", health.StateName);
        Assert.Equal(1, health.Calls);
    }

    [Fact]
    public async Task QuickStart_DependencyInjection_ResolvesNamedInstances()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tx:Resilience:CircuitBreakers:payments:FailureRatio"] = "0.5" })
            .Build();
        var services = new ServiceCollection();

        // --- README: dependency injection ---
        services.AddTxResilience(configuration.GetSection("Tx:Resilience"))
            .AddCircuitBreaker("payments", o => o.BreakDuration = TimeSpan.FromSeconds(30))
            .AddBulkhead("payment-pool", o => o.MaxConcurrency = 15)
            .AddRetry("default")
            .AddPipeline("payments", o =>
            {
                o.Retry = "default";
                o.CircuitBreaker = "payments";
                o.Bulkhead = "payment-pool";
            });

        // Resolve: keyed services, or the registry (which also lists every instance for /health).
        using ServiceProvider provider = services.BuildServiceProvider();
        ResiliencePipeline payments = provider.GetRequiredKeyedService<ResiliencePipeline>("payments");
        CircuitBreaker breaker = provider.GetRequiredKeyedService<CircuitBreaker>("payments");
        ResilienceRegistry registry = provider.GetRequiredService<ResilienceRegistry>();
        IReadOnlyList<CircuitBreakerSnapshot> breakers = registry.GetCircuitBreakerSnapshots();   // state, failure rate, retry-at
        IReadOnlyList<BulkheadStatistics> pools = registry.GetBulkheadStatistics();               // active, queued, capacity, ...
        // --- end ---

        Assert.Equal(7, await payments.ExecuteAsync(static (n, _) => ValueTask.FromResult(n), 7));
        Assert.Same(breaker, payments.CircuitBreaker);
        Assert.Equal("payments", Assert.Single(breakers).Name);
        Assert.Equal("payment-pool", Assert.Single(pools).Name);
        Assert.Equal(1, registry.GetBulkheadStatistics()[0].Completed);
    }

    private static ValueTask<decimal> GetBalanceAsync(string account, CancellationToken cancellationToken) =>
        ValueTask.FromResult(account == "acc-1" ? 100m : 0m);
}

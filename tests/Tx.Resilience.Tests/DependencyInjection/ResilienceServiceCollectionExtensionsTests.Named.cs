using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Pipeline;
using Tx.Resilience.Retry;
using Tx.Resilience.Timeouts;

namespace Tx.Resilience.Tests.DependencyInjection;

public sealed partial class ResilienceServiceCollectionExtensionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build()
            .GetSection("Tx:Resilience");

    [Fact]
    public void AddTxResilience_FromConfiguration_BindsNamedInstances()
    {
        IConfiguration configuration = Configuration(
            ("Tx:Resilience:CircuitBreakers:payments:FailureRatio", "0.25"),
            ("Tx:Resilience:CircuitBreakers:payments:BreakDuration", "00:00:10"),
            ("Tx:Resilience:Retries:default:MaxRetries", "5"),
            ("Tx:Resilience:Retries:default:Jitter", "Decorrelated"),
            ("Tx:Resilience:Bulkheads:transaction-pool:MaxConcurrency", "12"),
            ("Tx:Resilience:Timeouts:slow:Timeout", "00:00:05"),
            ("Tx:Resilience:Pipelines:payments:CircuitBreaker", "payments"),
            ("Tx:Resilience:Pipelines:payments:Retry", "default"),
            ("Tx:Resilience:Pipelines:payments:Bulkhead", "transaction-pool"),
            ("Tx:Resilience:Pipelines:payments:Timeout", "slow"));
        var services = new ServiceCollection();

        services.AddTxResilience(configuration);

        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        IOptionsMonitor<CircuitBreakerOptions> breakerOptions = provider.GetRequiredService<IOptionsMonitor<CircuitBreakerOptions>>();
        Assert.Equal(0.25, breakerOptions.Get("payments").FailureRatio);
        Assert.Equal(TimeSpan.FromSeconds(10), breakerOptions.Get("payments").BreakDuration);
        Assert.Equal(JitterKind.Decorrelated, provider.GetRequiredService<IOptionsMonitor<RetryOptions>>().Get("default").Jitter);
        Assert.Equal(5, provider.GetRequiredKeyedService<RetryStrategy>("default").MaxRetries);
        Assert.Equal(12, provider.GetRequiredKeyedService<Bulkhead>("transaction-pool").Capacity);
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredKeyedService<TimeoutStrategy>("slow").Timeout);
        ResiliencePipeline pipeline = provider.GetRequiredKeyedService<ResiliencePipeline>("payments");
        Assert.Same(provider.GetRequiredKeyedService<CircuitBreaker>("payments"), pipeline.CircuitBreaker);
        Assert.Same(provider.GetRequiredKeyedService<Bulkhead>("transaction-pool"), pipeline.Bulkhead);
        Assert.NotNull(pipeline.Retry);
        Assert.NotNull(pipeline.Timeout);
    }

    [Fact]
    public void AddTxResilience_InvalidConfiguredValue_FailsAtStartupNamingTheOption()
    {
        IConfiguration configuration = Configuration(
            ("Tx:Resilience:CircuitBreakers:payments:FailureRatio", "1.5"),
            ("Tx:Resilience:Bulkheads:pool:MaxConcurrency", "0"));
        var services = new ServiceCollection();
        services.AddTxResilience(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("FailureRatio", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddPipeline_UnknownStrategyName_FailsAtStartupNamingIt()
    {
        var services = new ServiceCollection();
        services.AddTxResilience().AddRetry("default").AddPipeline("p", o =>
        {
            o.Retry = "default";
            o.CircuitBreaker = "missing";
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("CircuitBreaker 'missing'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCircuitBreaker_TimeProviderFromDi_DrivesBreaker()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddTxResilience().AddCircuitBreaker("svc", o => o.MinimumThroughput = 1);
        using ServiceProvider provider = services.BuildServiceProvider();
        CircuitBreaker breaker = provider.GetRequiredService<ResilienceRegistry>().GetCircuitBreaker("svc");

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync<int>(static _ => throw new InvalidOperationException()).AsTask());
        time.Advance(TimeSpan.FromSeconds(30));
        await breaker.ExecuteAsync(static _ => ValueTask.FromResult(1));

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Same(breaker, provider.GetRequiredKeyedService<CircuitBreaker>("svc"));
    }

    [Fact]
    public void ResilienceRegistry_ListsEveryNamedInstance()
    {
        var services = new ServiceCollection();
        services.AddTxResilience()
            .AddCircuitBreaker("user").AddCircuitBreaker("transaction").AddCircuitBreaker("user")
            .AddBulkhead("user-pool").AddBulkhead("transaction-pool");
        using ServiceProvider provider = services.BuildServiceProvider();
        ResilienceRegistry registry = provider.GetRequiredService<ResilienceRegistry>();

        IReadOnlyList<CircuitBreakerSnapshot> breakers = registry.GetCircuitBreakerSnapshots();
        IReadOnlyList<BulkheadStatistics> pools = registry.GetBulkheadStatistics();

        Assert.Equal(["transaction", "user"], breakers.Select(b => b.Name));
        Assert.All(breakers, b => Assert.Equal("CLOSED", b.StateName));
        Assert.Equal(["transaction-pool", "user-pool"], pools.Select(p => p.Name));
        Assert.All(pools, p => Assert.Equal(15, p.Capacity));
        Assert.Throws<InvalidOperationException>(() => registry.GetBulkhead("nope"));
    }
}

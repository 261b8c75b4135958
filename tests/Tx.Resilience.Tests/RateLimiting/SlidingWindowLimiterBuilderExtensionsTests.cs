using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class SlidingWindowLimiterBuilderExtensionsTests
{
    [Fact]
    public void AddSlidingWindowLimiter_Configure_ResolvesNamedLimiter()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddTxResilience()
            .AddSlidingWindowLimiter("login", o => o.PermitLimit = 2)
            .AddSlidingWindowLimiter("api", o => o.Algorithm = SlidingWindowAlgorithm.Counter);
        using ServiceProvider provider = services.BuildServiceProvider();

        RateLimiter login = provider.GetRequiredKeyedService<RateLimiter>("login");
        SlidingWindowLimiter api = provider.GetRequiredKeyedService<SlidingWindowLimiter>("api");

        Assert.IsType<SlidingWindowLogRateLimiter>(login);
        Assert.IsType<SlidingWindowCounterRateLimiter>(api);
        Assert.Equal(2, ((SlidingWindowLimiter)login).PermitLimit);
        Assert.Equal(100, api.PermitLimit);
    }

    [Fact]
    public void AddSlidingWindowLimiter_FromConfiguration_BindsOptions()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PermitLimit"] = "7",
            ["Window"] = "00:00:30",
            ["Algorithm"] = "Counter",
        }).Build();
        var services = new ServiceCollection();
        services.AddTxResilience().AddSlidingWindowLimiter("cfg", configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        SlidingWindowLimiter limiter = provider.GetRequiredKeyedService<SlidingWindowLimiter>("cfg");

        Assert.IsType<SlidingWindowCounterRateLimiter>(limiter);
        Assert.Equal(7, limiter.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(30), limiter.Window);
    }

    [Fact]
    public void AddSlidingWindowLimiter_InvalidOptions_FailsAtStartWithOptionName()
    {
        var services = new ServiceCollection();
        services.AddTxResilience().AddSlidingWindowLimiter("bad", o => o.PermitLimit = 0);
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("PermitLimit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPartitionedSlidingWindowLimiter_FromConfiguration_BindsOptions()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PermitLimit"] = "3",
            ["MaxTrackedKeys"] = "10",
        }).Build();
        var services = new ServiceCollection();
        services.AddTxResilience().AddPartitionedSlidingWindowLimiter<string>("per-ip", configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        PartitionedRateLimiter<string> limiter = provider.GetRequiredKeyedService<PartitionedRateLimiter<string>>("per-ip");

        Assert.Same(limiter, provider.GetRequiredKeyedService<PartitionedSlidingWindowRateLimiter<string>>("per-ip"));
        Assert.Equal(3, ((PartitionedSlidingWindowRateLimiter<string>)limiter).PermitLimit);
    }

    [Fact]
    public void AddPartitionedSlidingWindowLimiter_InvalidOptions_FailsAtStartWithOptionName()
    {
        var services = new ServiceCollection();
        services.AddTxResilience().AddPartitionedSlidingWindowLimiter<string>("bad", o => o.MaxTrackedKeys = -5);
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MaxTrackedKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decisions_AreCountedWithAllowedAndRejectedTags()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddTxResilience()
            .AddSlidingWindowLimiter("single", o => o.PermitLimit = 1)
            .AddPartitionedSlidingWindowLimiter<string>("keyed", o => o.PermitLimit = 2);
        using ServiceProvider provider = services.BuildServiceProvider();
        using var collector = new MetricCollector<long>(
            provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "Tx.Resilience", "tx.resilience.rate_limiting.decisions");
        SlidingWindowLimiter single = provider.GetRequiredKeyedService<SlidingWindowLimiter>("single");
        PartitionedSlidingWindowRateLimiter<string> keyed = provider.GetRequiredKeyedService<PartitionedSlidingWindowRateLimiter<string>>("keyed");

        single.TryAcquire();
        single.AttemptAcquire().Dispose();
        keyed.TryAcquire("a");
        keyed.TryAcquire("a");
        keyed.TryAcquire("a");

        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(5, measurements.Count);
        Assert.Equal(1, measurements.Count(m => Equals(m.Tags["tx.resilience.limiter"], "single") && Equals(m.Tags["tx.resilience.rate_limiting.result"], "allowed")));
        Assert.Equal(1, measurements.Count(m => Equals(m.Tags["tx.resilience.limiter"], "single") && Equals(m.Tags["tx.resilience.rate_limiting.result"], "rejected")));
        Assert.Equal(2, measurements.Count(m => Equals(m.Tags["tx.resilience.limiter"], "keyed") && Equals(m.Tags["tx.resilience.rate_limiting.result"], "allowed")));
        Assert.Equal(1, measurements.Count(m => Equals(m.Tags["tx.resilience.limiter"], "keyed") && Equals(m.Tags["tx.resilience.rate_limiting.result"], "rejected")));
    }

    [Fact]
    public void EvictedKeys_AreCounted()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddTxResilience().AddPartitionedSlidingWindowLimiter<string>("keyed", o => o.Window = TimeSpan.FromSeconds(1));
        using ServiceProvider provider = services.BuildServiceProvider();
        using var collector = new MetricCollector<long>(
            provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "Tx.Resilience", "tx.resilience.rate_limiting.evicted_keys");
        PartitionedSlidingWindowRateLimiter<string> keyed = provider.GetRequiredKeyedService<PartitionedSlidingWindowRateLimiter<string>>("keyed");
        keyed.TryAcquire("a");
        keyed.TryAcquire("b");
        time.Advance(TimeSpan.FromSeconds(2));

        keyed.RemoveIdleKeys();

        Assert.Equal(2, collector.LastMeasurement!.Value);
    }
}

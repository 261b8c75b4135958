using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.DependencyInjection;

[Collection(ServersCollection.Name)]
public sealed class RedisRateLimiterBuilderExtensionsTests(Servers servers)
{
    [Fact]
    public async Task AddRedisRateLimiter_WithRegisteredConnection_DecidesOnThatServer()
    {
        string prefix = $"tx:test:{Guid.NewGuid():N}:";
        var services = new ServiceCollection().AddSingleton<IConnectionMultiplexer>(servers.Redis);
        services.AddTxResilience().AddRedisRateLimiter("gateway", o =>
        {
            o.PermitLimit = 2;
            o.KeyPrefix = prefix;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        PartitionedRateLimiter<string> limiter = provider.GetRequiredKeyedService<PartitionedRateLimiter<string>>("gateway");
        using RateLimitLease lease = await limiter.AcquireAsync("10.1.1.1");

        Assert.True(lease.IsAcquired);
        Assert.True(lease.TryGetDecision(out RateLimitDecision decision));
        Assert.Equal(1, decision.Remaining);
        Assert.Equal(1, await RedisLogReader.LengthAsync(servers.Redis.GetDatabase(), prefix + "10.1.1.1"));
    }

    [Fact]
    public async Task AddRedisRateLimiter_RegisteredEmbeddedGarnetAndNoConnection_DecidesOnItInProcess()
    {
        string prefix = $"tx:test:{Guid.NewGuid():N}:";
        var services = new ServiceCollection().AddSingleton(servers.GarnetServer);
        services.AddTxResilience().AddRedisRateLimiter("in-process", o =>
        {
            o.PermitLimit = 2;
            o.KeyPrefix = prefix;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        RedisPartitionedRateLimiter limiter = provider.GetRequiredKeyedService<RedisPartitionedRateLimiter>("in-process");
        RateLimitDecision first = await limiter.DecideAsync("10.1.1.2");
        RateLimitDecision second = limiter.Decide("10.1.1.2");
        RateLimitDecision third = await limiter.DecideAsync("10.1.1.2");

        Assert.Equal([true, true, false], new[] { first, second, third }.Select(d => d.IsAllowed));
        // No connection was registered: the window is in the registered server (seen here over TCP), not in a second
        // embedded Garnet started for the limiter.
        Assert.Equal(2, await RedisLogReader.LengthAsync(servers.Garnet.GetDatabase(), prefix + "10.1.1.2"));
    }

    [Fact]
    public async Task AddRedisRateLimiter_NoConnection_StartsEmbeddedGarnet()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PermitLimit"] = "1",
            ["Algorithm"] = "Counter",
            ["OperationTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection();
        services.AddTxResilience().AddRedisRateLimiter("embedded", configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();

        RedisPartitionedRateLimiter limiter = provider.GetRequiredKeyedService<RedisPartitionedRateLimiter>("embedded");
        RateLimitDecision first = await limiter.DecideAsync("client");
        RateLimitDecision second = await limiter.DecideAsync("client");

        Assert.True(first.IsAllowed);
        Assert.False(second.IsAllowed);
        Assert.Equal(1, limiter.PermitLimit);
        Assert.Equal(Tx.Resilience.CircuitBreaking.CircuitState.Closed, limiter.RedisCircuitState);
    }

    [Fact]
    public void AddRedisRateLimiter_InvalidOptions_FailsAtStartNamingEveryOption()
    {
        var services = new ServiceCollection();
        services.AddTxResilience().AddRedisRateLimiter("bad", o =>
        {
            o.PermitLimit = 0;
            o.Window = TimeSpan.Zero;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(nameof(RedisRateLimiterOptions.PermitLimit), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RedisRateLimiterOptions.Window), error.Message, StringComparison.Ordinal);
    }
}

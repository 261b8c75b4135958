using StackExchange.Redis;
using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests;

/// <summary>The quick start of src/Tx.Resilience.Redis/README.md, compiled and run against the local Redis.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task QuickStart_RunsAsDocumented()
    {
        using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        using var limiter = new RedisPartitionedRateLimiter(redis, new RedisRateLimiterOptions
        {
            PermitLimit = 100,                       // the guide: 100 requests
            Window = TimeSpan.FromMinutes(15),       // per 15 minutes
            KeyPrefix = $"readme:{Guid.NewGuid():N}:",
            FailurePolicy = RedisFailurePolicy.FallBackToInMemory,
        });

        RateLimitDecision decision = await limiter.DecideAsync("192.168.1.1");
        Console.WriteLine($"X-RateLimit-Remaining: {decision.Remaining}");
        Console.WriteLine($"X-RateLimit-Reset: {RateLimitHeaders.FormatReset(decision.ResetAt)}");

        Assert.True(decision.IsAllowed);
        Assert.Equal(99, decision.Remaining);
    }
}

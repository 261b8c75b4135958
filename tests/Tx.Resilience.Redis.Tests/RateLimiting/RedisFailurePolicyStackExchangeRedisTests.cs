using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>The failure tests through the StackExchange.Redis connection.</summary>
public sealed class RedisFailurePolicyStackExchangeRedisTests : RedisFailurePolicyTests
{
    protected override RedisTransport Transport => RedisTransport.StackExchangeRedis;
}

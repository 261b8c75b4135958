using StackExchange.Redis;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>The contract against Debian's redis-server (TestEnvironment.Redis), over the direct transport.</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisPartitionedRateLimiterRedisTests(Servers servers) : RedisPartitionedRateLimiterTests
{
    protected override ConnectionMultiplexer Connection => servers.Redis;

    protected override string ConnectionString => Servers.RedisConnectionString;
}

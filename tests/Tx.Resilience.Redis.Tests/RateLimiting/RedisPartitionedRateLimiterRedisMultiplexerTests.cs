using StackExchange.Redis;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>The contract against Debian's redis-server, through the StackExchange.Redis connection (<see cref="RedisTransport.StackExchangeRedis"/>).</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisPartitionedRateLimiterRedisMultiplexerTests(Servers servers) : RedisPartitionedRateLimiterTests
{
    protected override ConnectionMultiplexer Connection => servers.Redis;

    protected override string ConnectionString => Servers.RedisConnectionString;

    protected override RedisTransport Transport => RedisTransport.StackExchangeRedis;
}

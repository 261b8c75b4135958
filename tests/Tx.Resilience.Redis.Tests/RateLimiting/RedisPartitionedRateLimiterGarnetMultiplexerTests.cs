using StackExchange.Redis;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>The contract against the embedded Garnet over TCP, through the StackExchange.Redis connection (<see cref="RedisTransport.StackExchangeRedis"/>).</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisPartitionedRateLimiterGarnetMultiplexerTests(Servers servers) : RedisPartitionedRateLimiterTests
{
    protected override ConnectionMultiplexer Connection => servers.Garnet;

    protected override string ConnectionString => servers.GarnetConnectionString;

    protected override RedisTransport Transport => RedisTransport.StackExchangeRedis;
}

using StackExchange.Redis;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>The contract against the embedded Garnet (Lua transaction mode on) over TCP, on the direct transport.</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisPartitionedRateLimiterGarnetTests(Servers servers) : RedisPartitionedRateLimiterTests
{
    protected override ConnectionMultiplexer Connection => servers.Garnet;

    protected override string ConnectionString => servers.GarnetConnectionString;
}

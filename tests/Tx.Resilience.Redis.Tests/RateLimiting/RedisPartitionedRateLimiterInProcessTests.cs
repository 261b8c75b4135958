using StackExchange.Redis;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>
/// The contract against the embedded Garnet with the limiter under test running in process (no socket). The server
/// is the same one the TCP tests use: the tests' own reads and the tests that open many connections go over TCP, so
/// in-process and TCP clients share keys and must agree.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RedisPartitionedRateLimiterInProcessTests(Servers servers) : RedisPartitionedRateLimiterTests
{
    protected override ConnectionMultiplexer Connection => servers.Garnet;

    protected override string ConnectionString => servers.GarnetConnectionString;

    protected override bool DecidesSynchronously => true;

    protected override bool PackedLogIsNative => servers.GarnetServer.NativePackedLog;

    protected override RedisPartitionedRateLimiter CreateLimiter(RedisRateLimiterOptions options, TimeProvider? timeProvider = null) =>
        new(servers.GarnetServer, options, timeProvider);

    private protected override RedisWindowScript CreateScript(RedisRateLimiterOptions options) =>
        new(servers.GarnetServer.ScriptExecutor, options);
}

using RedisRateLimiting;
using StackExchange.Redis;
using Tx.Resilience.Redis.Embedded;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Benchmarks;

/// <summary>Connects to Debian's Redis or starts an embedded Garnet, and builds both limiters on the same connection.</summary>
internal sealed class BenchmarkServers : IDisposable
{
    public const int PermitLimit = 100;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly EmbeddedGarnetServer? _garnet;

    public BenchmarkServers(string server)
    {
        string connectionString = Environment.GetEnvironmentVariable("TX_REDIS") ?? "127.0.0.1:6379";
        if (server == "Garnet")
        {
            _garnet = EmbeddedGarnetServer.Start();
            connectionString = _garnet.ConnectionString;
        }

        Connection = ConnectionMultiplexer.Connect(connectionString);
        Prefix = $"bench:{Guid.NewGuid():N}:";
    }

    public ConnectionMultiplexer Connection { get; }

    public string Prefix { get; }

    public RedisPartitionedRateLimiter CreateTx(RedisDecisionBatching batching = RedisDecisionBatching.PerHashSlot, int maxCallsInFlight = 1) => new(Connection, new Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions
    {
        Batching = batching,
        MaxCallsInFlight = maxCallsInFlight,
        PermitLimit = PermitLimit,
        Window = Window,
        KeyPrefix = Prefix + "tx:" + batching + maxCallsInFlight + ":",
        OperationTimeout = TimeSpan.FromSeconds(10),
        FailurePolicy = RedisFailurePolicy.FailClosed,
    });

    public RedisSlidingWindowRateLimiter<string> CreateAnchor(string key) => new(Prefix + "anchor:" + key, new RedisSlidingWindowRateLimiterOptions
    {
        PermitLimit = PermitLimit,
        Window = Window,
        ConnectionMultiplexerFactory = () => Connection,
    });

    public void Dispose()
    {
        Connection.Dispose();
        _garnet?.Dispose();
    }
}

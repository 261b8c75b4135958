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

    /// <summary>Gets the embedded Garnet when the server is "Garnet", else <see langword="null"/>.</summary>
    public EmbeddedGarnetServer? EmbeddedGarnet => _garnet;

    public string Prefix { get; }

    public RedisPartitionedRateLimiter CreateTx(
        RedisDecisionBatching batching = RedisDecisionBatching.PerHashSlot,
        int maxCallsInFlight = 1,
        string variant = "",
        Action<Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions>? configure = null)
    {
        var options = new Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions
        {
            Batching = batching,
            MaxCallsInFlight = maxCallsInFlight,
            PermitLimit = PermitLimit,
            Window = Window,
            KeyPrefix = Prefix + "tx:" + batching + maxCallsInFlight + variant + ":",
            OperationTimeout = TimeSpan.FromSeconds(10),
            FailurePolicy = RedisFailurePolicy.FailClosed,
            // Every decision a round trip, as the anchor's: one key (and, over many iterations, each of 10,000 keys) is
            // soon over its limit, and remembered rejections would be decided in memory. The latency harness measures
            // the default (remembered) separately.
            RejectionCacheMaxKeys = 0,
        };
        configure?.Invoke(options);
        return new RedisPartitionedRateLimiter(Connection, options);
    }

    /// <summary>Tx with the exact log kept in a sorted set (the encoding above 1,000 permits, and before session 4).</summary>
    public RedisPartitionedRateLimiter CreateTxSortedSetLog() => CreateTx(variant: "zset", configure: o => o.PackedLogMaxPermits = 0);

    /// <summary>Tx with the approximate sliding-window counter.</summary>
    public RedisPartitionedRateLimiter CreateTxCounter() => CreateTx(variant: "counter", configure: o => o.Algorithm = Tx.Resilience.RateLimiting.SlidingWindowAlgorithm.Counter);

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

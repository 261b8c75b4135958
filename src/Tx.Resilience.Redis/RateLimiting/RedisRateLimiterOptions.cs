using System.ComponentModel.DataAnnotations;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>Options of <see cref="RedisPartitionedRateLimiter"/>: the window, the Redis keys, and what happens when Redis is down.</summary>
public sealed class RedisRateLimiterOptions
{
    /// <summary>Gets or sets the number of permits each key is granted inside any window.</summary>
    /// <value>The default value is 100 (the guide's per-IP gateway limit).</value>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 100;

    /// <summary>Gets or sets the length of the sliding window (measured on the Redis server's clock).</summary>
    /// <value>The default value is 15 minutes.</value>
#pragma warning disable IL2026 // The [OptionsValidator] generator checks this range in generated code, without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets the counting algorithm: <see cref="SlidingWindowAlgorithm.Log"/> keeps every permit's grant time
    /// (exact; a string of 16-byte entries up to 1,000 permits, a sorted set above);
    /// <see cref="SlidingWindowAlgorithm.Counter"/> keeps one small hash per key (approximate).
    /// </summary>
    /// <value>The default value is <see cref="SlidingWindowAlgorithm.Log"/>.</value>
    [EnumDataType(typeof(SlidingWindowAlgorithm))]
    public SlidingWindowAlgorithm Algorithm { get; set; } = SlidingWindowAlgorithm.Log;

    /// <summary>Gets or sets the prefix of every Redis key the limiter writes (the partition key follows it).</summary>
    /// <value>The default value is "tx:ratelimit:".</value>
    [Required]
    public string KeyPrefix { get; set; } = "tx:ratelimit:";

    /// <summary>Gets or sets what is decided while Redis cannot be reached.</summary>
    /// <value>The default value is <see cref="RedisFailurePolicy.FallBackToInMemory"/>.</value>
    [EnumDataType(typeof(RedisFailurePolicy))]
    public RedisFailurePolicy FailurePolicy { get; set; } = RedisFailurePolicy.FallBackToInMemory;

    /// <summary>Gets or sets how long an asynchronous decision waits for Redis before it counts as a failure.
    /// Synchronous decisions use the connection's SyncTimeout (and connecting, with the direct transport, its ConnectTimeout).</summary>
    /// <value>The default value is 500 milliseconds.</value>
#pragma warning disable IL2026 // Checked by generated code, without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
#pragma warning restore IL2026
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets how many consecutive Redis failures open the circuit breaker.</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 1_000)]
    public int BreakerFailureThreshold { get; set; } = 3;

    /// <summary>Gets or sets how long the breaker stays open (no call pays the timeout) before one probe tries Redis again.</summary>
    /// <value>The default value is 5 seconds.</value>
#pragma warning disable IL2026 // Checked by generated code, without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
#pragma warning restore IL2026
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how concurrent asynchronous decisions share script calls: while one call is in flight, the
    /// decisions that arrive queue and go as one call that decides them in arrival order on the server's clock.
    /// Exactness does not depend on it; throughput under concurrency does. A lone decision is sent at once.
    /// Synchronous decisions are never batched.
    /// </summary>
    /// <value>The default value is <see cref="RedisDecisionBatching.PerHashSlot"/> (every key on a standalone server or
    /// Garnet; per hash slot on Redis Cluster).</value>
    [EnumDataType(typeof(RedisDecisionBatching))]
    public RedisDecisionBatching Batching { get; set; } = RedisDecisionBatching.PerHashSlot;

    /// <summary>
    /// Gets or sets how script calls reach a server given as a StackExchange.Redis connection. Limiters on an embedded
    /// Garnet in process use neither (no socket).
    /// </summary>
    /// <value>The default value is <see cref="RedisTransport.Direct"/> (falls back to the connection itself for
    /// clusters, sentinel, proxies, TLS or several endpoints).</value>
    [EnumDataType(typeof(RedisTransport))]
    public RedisTransport Transport { get; set; } = RedisTransport.Direct;

    /// <summary>Gets or sets how many batched script calls one queue keeps in flight (tuning and benchmarks only).</summary>
    internal int MaxCallsInFlight { get; set; } = RedisDecisionLane.DefaultMaxInFlight;

    /// <summary>
    /// Gets or sets the largest permit limit whose log is kept as a packed string (GET and SET per key); above it the
    /// log is a sorted set, whose cost per decision does not grow with the limit (tests use it to cover both).
    /// </summary>
    internal int PackedLogMaxPermits { get; set; } = RedisRateLimitScripts.PackedLogMaxPermits;

    /// <summary>
    /// Gets or sets how many rejected keys each limiter instance remembers. A rejection is remembered for up to one
    /// second, and never past the retry-after the server gave. While it is remembered, a request of that key for the
    /// same cost or more is rejected without a round trip, so an over-limit client hammering the service costs Redis
    /// one call a second. Until the retry-after nothing can free that cost, so the rejection is the server's own. The
    /// one-second bound limits what a server clock stepping forward could otherwise prolong. 0 turns it off.
    /// </summary>
    /// <value>The default value is 100,000.</value>
    [Range(0, int.MaxValue)]
    public int RejectionCacheMaxKeys { get; set; } = 100_000;

    /// <summary>Gets or sets the maximum keys the in-memory fallback tracks.</summary>
    /// <value>The default value is 100,000.</value>
    [Range(1, int.MaxValue)]
    public int FallbackMaxTrackedKeys { get; set; } = 100_000;
}

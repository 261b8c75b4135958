using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using RedisRateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Benchmarks;

/// <summary>
/// 16 concurrent callers, each making 64 decisions in a row, on one key or spread over 10,000 keys, against the
/// same server in the same run: Tx (concurrent decisions coalesced into one EVALSHA; and with Batching = None, one
/// EVALSHA per decision; and with the exact log in a sorted set, the encoding above 1,000 permits) vs
/// RedisRateLimiting 1.2.1's sliding window. Tx runs on its direct transport (the default) and, as
/// Tx_DecideAsync_StackExchangeRedis, through the StackExchange.Redis connection (the transport before session 5).
/// Mean is the time per decision; decisions/s = 1 s / Mean. Limit: the guide's 100 per 15 minutes.
/// </summary>
[MemoryDiagnoser]
public class DecisionThroughputBenchmark
{
    private const int Callers = 16;
    private const int PerCaller = 64;

    private BenchmarkServers _servers = null!;
    private RedisPartitionedRateLimiter _tx = null!;
    private RedisPartitionedRateLimiter _txDefaults = null!;
    private RedisPartitionedRateLimiter _txUnbatched = null!;
    private RedisPartitionedRateLimiter _txSortedSet = null!;
    private RedisPartitionedRateLimiter _txMultiplexer = null!;
    private RedisSlidingWindowRateLimiter<string>[] _anchors = null!;
    private string[] _keys = null!;
    private int _next;

    [ParamsSource(nameof(ServerNames))]
    public string Server { get; set; } = "Redis";

    /// <summary>Gets the servers to run: TX_BENCH_SERVERS (comma separated) or both.</summary>
    public static IEnumerable<string> ServerNames =>
        (Environment.GetEnvironmentVariable("TX_BENCH_SERVERS") ?? "Redis,Garnet").Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Params(1, 10_000)]
    public int Keys { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _servers = new BenchmarkServers(Server);
        _tx = _servers.CreateTx();
        _txDefaults = _servers.CreateTx(variant: "defaults", configure: o => o.RejectionCacheMaxKeys = new Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions().RejectionCacheMaxKeys);
        _txUnbatched = _servers.CreateTx(RedisDecisionBatching.None);
        _txSortedSet = _servers.CreateTxSortedSetLog();
        _txMultiplexer = _servers.CreateTx(variant: "se", configure: o => o.Transport = RedisTransport.StackExchangeRedis);
        _keys = Enumerable.Range(0, Keys).Select(i => $"10.{i / 65536}.{i / 256 % 256}.{i % 256}").ToArray();
        _anchors = _keys.Select(_servers.CreateAnchor).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tx.Dispose();
        _txDefaults.Dispose();
        _txUnbatched.Dispose();
        _txSortedSet.Dispose();
        _txMultiplexer.Dispose();
        foreach (RedisSlidingWindowRateLimiter<string> anchor in _anchors)
        {
            anchor.Dispose();
        }

        _servers.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Callers * PerCaller)]
    public Task RedisRateLimiting_AcquireAsync() => RunCallers(async index =>
    {
        using RateLimitLease lease = await _anchors[index].AcquireAsync(1);
        return lease.IsAcquired;
    });

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task Tx_DecideAsync() => RunCallers(async index => (await _tx.DecideAsync(_keys[index])).IsAllowed);

    /// <summary>With rejections remembered (the default; the other Tx rows ask the server every time): once a key is over
    /// its limit (after its first 100 decisions in this workload) its rejections are decided in memory for up to a second.</summary>
    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task Tx_DecideAsync_RejectionsRemembered() => RunCallers(async index => (await _txDefaults.DecideAsync(_keys[index])).IsAllowed);

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task Tx_DecideAsync_Unbatched() => RunCallers(async index => (await _txUnbatched.DecideAsync(_keys[index])).IsAllowed);

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task Tx_DecideAsync_StackExchangeRedis() => RunCallers(async index => (await _txMultiplexer.DecideAsync(_keys[index])).IsAllowed);

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task Tx_DecideAsync_SortedSetLog() => RunCallers(async index => (await _txSortedSet.DecideAsync(_keys[index])).IsAllowed);

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task Tx_AcquireAsync() => RunCallers(async index =>
    {
        using RateLimitLease lease = await _tx.AcquireAsync(_keys[index]);
        return lease.IsAcquired;
    });

    private Task RunCallers(Func<int, Task<bool>> decide)
    {
        var callers = new Task[Callers];
        for (int c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                for (int i = 0; i < PerCaller; i++)
                {
                    await decide(NextIndex());
                }
            });
        }

        return Task.WhenAll(callers);
    }

    private int NextIndex() => Keys == 1 ? 0 : (int)((uint)Interlocked.Increment(ref _next) % (uint)Keys);
}

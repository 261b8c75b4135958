using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Benchmarks;

/// <summary>
/// Latency of one decision, one caller, alternating the limiters in rounds so all see the same machine noise: p50 / p99
/// per limiter, server and scenario. BenchmarkDotNet reports means, not a p99 of single calls. Two scenarios:
/// <list type="bullet">
/// <item>over the limit: one key, limit 100 per 15 min, so after the warm-up every decision is a rejection (the client
/// hammering the gateway after its 429) — what this harness measured before session 6;</item>
/// <item>granted: a fresh key for every decision, so every decision is a grant and takes a round trip in every limiter
/// (anchor limiters, one per key, are built before the clock starts).</item>
/// </list>
/// The granted scenario also measures floors on the same connection (PING; EVALSHA of <c>return 1</c>) and Tx's
/// packed-log script called straight through StackExchange.Redis, and, on the embedded Garnet, the in-process limiter.
/// Tx runs on both transports: <see cref="RedisTransport.Direct"/> (the default: a lone decision on the limiter's own
/// blocking socket) and <see cref="RedisTransport.StackExchangeRedis"/> (every call through the shared connection).
/// Tx runs twice in the over-limit scenario: with rejections remembered until their retry-after and decided without a
/// round trip (the default <see cref="Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions.RejectionCacheMaxKeys"/>), and with it 0 (every decision
/// asks the server, as before session 6; <see cref="BenchmarkServers.CreateTx"/>'s setting).
/// </summary>
internal static class LatencyHarness
{
    private const int Rounds = 20;
    private const int PerRound = 500;
    private const int Warmup = 200;

    public static async Task RunAsync(string? output)
    {
        var table = new StringBuilder();
        table.AppendLine("| server | scenario | limiter | p50 (µs) | p99 (µs) | p99 ratio |");
        table.AppendLine("|---|---|---|---:|---:|---:|");
        foreach (string server in new[] { "Redis", "Garnet" })
        {
            using var servers = new BenchmarkServers(server);
            await OverTheLimitAsync(servers, server, table);
            await GrantedAsync(servers, server, table);
        }

        Console.WriteLine(table);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, table.ToString());
        }
    }

    private static async Task OverTheLimitAsync(BenchmarkServers servers, string server, StringBuilder table)
    {
        using RedisPartitionedRateLimiter tx = servers.CreateTx(variant: "remembered", configure: o => o.RejectionCacheMaxKeys = new Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions().RejectionCacheMaxKeys);
        using RedisPartitionedRateLimiter txNoCache = servers.CreateTx(variant: "nocache");
        using RedisPartitionedRateLimiter txNoCacheMultiplexer = servers.CreateTx(variant: "nocache-se", configure: o => o.Transport = RedisTransport.StackExchangeRedis);
        using RedisSlidingWindowRateLimiter<string> anchor = servers.CreateAnchor("latency");
        Func<Task<bool>>[] limiters =
        [
            async () => { using RateLimitLease l = await anchor.AcquireAsync(); return l.IsAcquired; },
            async () => (await tx.DecideAsync("latency")).IsAllowed,
            async () => (await txNoCache.DecideAsync("latency")).IsAllowed,
            async () => (await txNoCacheMultiplexer.DecideAsync("latency")).IsAllowed,
        ];
        List<double>[] times = await MeasureRoundsAsync(limiters.Select(l => (Func<int, Task<bool>>)(_ => l())).ToArray());
        AppendRows(table, server, "over the limit (rejections)", times, ["RedisRateLimiting 1.2.1", "Tx DecideAsync (rejections remembered: the default)", "Tx DecideAsync (RejectionCacheMaxKeys = 0)", "Tx DecideAsync (RejectionCacheMaxKeys = 0, Transport = StackExchangeRedis)"]);
    }

    private static async Task GrantedAsync(BenchmarkServers servers, string server, StringBuilder table)
    {
        int decisions = Warmup + (Rounds * PerRound);
        string[] keys = [.. Enumerable.Range(0, decisions).Select(i => $"granted-{i}")];
        RedisSlidingWindowRateLimiter<string>[] anchors = [.. keys.Select(servers.CreateAnchor)];
        using RedisPartitionedRateLimiter tx = servers.CreateTx(variant: "granted");
        using RedisPartitionedRateLimiter txMultiplexer = servers.CreateTx(variant: "granted-se", configure: o => o.Transport = RedisTransport.StackExchangeRedis);
        using RedisPartitionedRateLimiter txSync = servers.CreateTx(variant: "granted-sync");

        // On the embedded Garnet, also the limiter as the gateway runs it by default: in process, no socket.
        using RedisPartitionedRateLimiter? inProcess = servers.EmbeddedGarnet is { } garnet
            ? new RedisPartitionedRateLimiter(garnet, new Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions
            {
                PermitLimit = BenchmarkServers.PermitLimit,
                Window = BenchmarkServers.Window,
                KeyPrefix = servers.Prefix + "tx:inprocess:",
            })
            : null;
        try
        {
            List<Func<int, Task<bool>>> limiters =
            [
                async i => { using RateLimitLease l = await anchors[i].AcquireAsync(); return l.IsAcquired; },
                async i => (await tx.DecideAsync(keys[i])).IsAllowed,
                async i => (await txMultiplexer.DecideAsync(keys[i])).IsAllowed,
                i => Task.FromResult(txSync.Decide(keys[i]).IsAllowed),
            ];
            List<string> names = ["RedisRateLimiting 1.2.1", "Tx DecideAsync (Transport = Direct, the default)", "Tx DecideAsync (Transport = StackExchangeRedis)", "Tx Decide, synchronous (as AttemptAcquire)"];

            // The floor of any limiter on this client: one PING through the same StackExchange.Redis connection.
            StackExchange.Redis.IDatabase database = servers.Connection.GetDatabase();
            limiters.Add(async _ => await database.PingAsync() >= TimeSpan.Zero);
            names.Add("floor: StackExchange.Redis PING, same connection");

            // The floor of any script: EVALSHA of "return 1" (loaded once) through the same connection.
            byte[] sha = Convert.FromHexString((string)(await database.ExecuteAsync("SCRIPT", "LOAD", "return 1"))!);
            limiters.Add(async _ => (int)await database.ScriptEvaluateAsync(sha) == 1);
            names.Add("floor: StackExchange.Redis EVALSHA of `return 1`");

            // Where Tx's time goes above the floor: its packed-log script called straight through StackExchange.Redis
            // (the limiter's own code is the difference between this row and Tx DecideAsync).
            var options = new Tx.Resilience.Redis.RateLimiting.RedisRateLimiterOptions
            {
                PermitLimit = BenchmarkServers.PermitLimit,
                Window = BenchmarkServers.Window,
                KeyPrefix = servers.Prefix + "tx:layers:",
            };
            byte[] packedSha = Convert.FromHexString((string)(await database.ExecuteAsync("SCRIPT", "LOAD", RedisRateLimitScripts.PackedLog))!);
            StackExchange.Redis.RedisValue[] args = [BenchmarkServers.PermitLimit, BenchmarkServers.Window.Ticks / 10, 1, 1];
            limiters.Add(async i => (long)(await database.ScriptEvaluateAsync(packedSha, [options.KeyPrefix + "raw:" + keys[i]], args))[1] == 1);
            names.Add("Tx's packed-log script, straight EVALSHA");
            if (inProcess is not null)
            {
                limiters.Add(async i => (await inProcess.DecideAsync(keys[i])).IsAllowed);
                names.Add("Tx DecideAsync in process (the embedded default)");
            }

            List<double>[] times = await MeasureRoundsAsync([.. limiters]);
            AppendRows(table, server, "granted (a new key each time)", times, [.. names]);
        }
        finally
        {
            foreach (RedisSlidingWindowRateLimiter<string> anchor in anchors)
            {
                anchor.Dispose();
            }
        }
    }

    // Warm-up, then rounds: each limiter in turn, order reversed every other round. Decision i of a limiter gets i.
    private static async Task<List<double>[]> MeasureRoundsAsync(Func<int, Task<bool>>[] limiters)
    {
        var times = limiters.Select(_ => new List<double>()).ToArray();
        var next = new int[limiters.Length];
        for (int l = 0; l < limiters.Length; l++)
        {
            next[l] = await Measure(limiters[l], next[l], Warmup, null);
        }

        for (int round = 0; round < Rounds; round++)
        {
            for (int n = 0; n < limiters.Length; n++)
            {
                int l = round % 2 == 0 ? n : limiters.Length - 1 - n;
                next[l] = await Measure(limiters[l], next[l], PerRound, times[l]);
            }
        }

        return times;
    }

    private static void AppendRows(StringBuilder table, string server, string scenario, List<double>[] times, string[] names)
    {
        double anchorP99 = Percentile(times[0], 0.99);
        for (int l = 0; l < times.Length; l++)
        {
            double p99 = Percentile(times[l], 0.99);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {server} | {scenario} | {names[l]} | {Percentile(times[l], 0.5):F1} | {p99:F1} | {p99 / anchorP99:F3} |");
        }
    }

    private static async Task<int> Measure(Func<int, Task<bool>> decide, int first, int count, List<double>? times)
    {
        for (int i = first; i < first + count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await decide(i);
            times?.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        return first + count;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

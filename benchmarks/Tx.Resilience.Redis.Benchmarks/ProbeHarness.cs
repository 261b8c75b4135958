using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Benchmarks;

/// <summary>
/// Where the time goes (Debian Redis only): 16 callers run a fixed number of decisions per limiter; the harness
/// reports wall time, this process's CPU time and redis-server's CPU time (INFO cpu) per decision, and the script
/// calls and their usec_per_call (INFO commandstats). The machine has 2 cores, so client CPU competes with the server.
/// </summary>
internal static class ProbeHarness
{
    private const int Callers = 16;

    public static async Task RunAsync(int decisions, string? output)
    {
        using var servers = new BenchmarkServers("Redis");
        using ConnectionMultiplexer adminConnection = await ConnectionMultiplexer.ConnectAsync(
            (Environment.GetEnvironmentVariable("TX_REDIS") ?? "127.0.0.1:6379") + ",allowAdmin=true");
        IServer admin = adminConnection.GetServer(adminConnection.GetEndPoints()[0]);
        var table = new StringBuilder();
        table.AppendLine("| keys | limiter | wall µs/decision | client CPU µs/decision | server CPU µs/decision | script calls/decision | server usec_per_call |");
        table.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (int keyCount in new[] { 1, 10_000 })
        {
            string[] keys = Enumerable.Range(0, keyCount).Select(i => $"10.{i / 65536}.{i / 256 % 256}.{i % 256}").ToArray();
            using RedisPartitionedRateLimiter tx = servers.CreateTx();
            RedisSlidingWindowRateLimiter<string>[] anchors = keys.Select(servers.CreateAnchor).ToArray();
            Func<int, Task<bool>> anchor = async i => { using RateLimitLease l = await anchors[i].AcquireAsync(1); return l.IsAcquired; };
            Func<int, Task<bool>> ours = async i => (await tx.DecideAsync(keys[i])).IsAllowed;
            using RedisPartitionedRateLimiter unbatched = servers.CreateTx(RedisDecisionBatching.None);
            using RedisPartitionedRateLimiter sortedSet = servers.CreateTxSortedSetLog();
            using RedisPartitionedRateLimiter counter = servers.CreateTxCounter();
            Func<int, Task<bool>> oursUnbatched = async i => (await unbatched.DecideAsync(keys[i])).IsAllowed;
            Func<int, Task<bool>> oursSortedSet = async i => (await sortedSet.DecideAsync(keys[i])).IsAllowed;
            Func<int, Task<bool>> oursCounter = async i => (await counter.DecideAsync(keys[i])).IsAllowed;
            await Run(anchor, keyCount, 2_000);
            await Run(ours, keyCount, 2_000);
            await Run(oursSortedSet, keyCount, 2_000);
            await Run(oursCounter, keyCount, 2_000);
            await Run(oursUnbatched, keyCount, 2_000);
            for (int round = 0; round < 2; round++)
            {
                table.AppendLine(await Measure(admin, "RedisRateLimiting", anchor, keyCount, decisions));
                table.AppendLine(await Measure(admin, "Tx DecideAsync (packed log)", ours, keyCount, decisions));
                table.AppendLine(await Measure(admin, "Tx DecideAsync, sorted-set log", oursSortedSet, keyCount, decisions));
                table.AppendLine(await Measure(admin, "Tx DecideAsync, Counter", oursCounter, keyCount, decisions));
                table.AppendLine(await Measure(admin, "Tx DecideAsync, Batching = None (packed log)", oursUnbatched, keyCount, decisions));
            }

            foreach (RedisSlidingWindowRateLimiter<string> a in anchors)
            {
                a.Dispose();
            }
        }

        Console.WriteLine(table);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, table.ToString());
        }
    }

    private static async Task<string> Measure(IServer admin, string name, Func<int, Task<bool>> decide, int keyCount, int decisions)
    {
        await admin.ExecuteAsync("CONFIG", "RESETSTAT");
        double serverCpu0 = ServerCpu((await admin.InfoRawAsync("cpu") ?? ""));
        TimeSpan clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        await Run(decide, keyCount, decisions);
        double wall = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        double clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu0).TotalMicroseconds;
        string info = await admin.InfoRawAsync("commandstats") ?? "";
        double serverCpu = (ServerCpu((await admin.InfoRawAsync("cpu") ?? "")) - serverCpu0) * 1e6;
        (long calls, double usecPerCall) = ScriptStats(info);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {keyCount} | {name} | {wall / decisions:F1} | {clientCpu / decisions:F1} | {serverCpu / decisions:F1} | {(double)calls / decisions:F2} | {usecPerCall:F2} |");
    }

    private static Task Run(Func<int, Task<bool>> decide, int keyCount, int decisions)
    {
        int next = 0;
        var callers = new Task[Callers];
        for (int c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                while (true)
                {
                    int n = Interlocked.Increment(ref next);
                    if (n > decisions)
                    {
                        return;
                    }

                    await decide(keyCount == 1 ? 0 : n % keyCount);
                }
            });
        }

        return Task.WhenAll(callers);
    }

    private static double ServerCpu(string info)
    {
        double total = 0;
        foreach (string line in info.Split('\n'))
        {
            if (line.StartsWith("used_cpu_sys:", StringComparison.Ordinal) || line.StartsWith("used_cpu_user:", StringComparison.Ordinal))
            {
                total += double.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static (long Calls, double UsecPerCall) ScriptStats(string info)
    {
        long calls = 0;
        double usec = 0;
        foreach (string line in info.Split('\n'))
        {
            if (line.StartsWith("cmdstat_evalsha:", StringComparison.Ordinal) || line.StartsWith("cmdstat_eval:", StringComparison.Ordinal))
            {
                foreach (string part in line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(','))
                {
                    string[] kv = part.Split('=');
                    if (kv[0] == "calls")
                    {
                        calls += long.Parse(kv[1], CultureInfo.InvariantCulture);
                    }
                    else if (kv[0] == "usec")
                    {
                        usec += double.Parse(kv[1], CultureInfo.InvariantCulture);
                    }
                }
            }
        }

        return (calls, calls == 0 ? 0 : usec / calls);
    }
}

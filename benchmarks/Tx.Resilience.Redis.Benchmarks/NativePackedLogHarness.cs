using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tx.Resilience.Redis.Embedded;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Benchmarks;

/// <summary>
/// The in-process limiter on an embedded Garnet, native packed log vs the Lua packed-log script, in the same process
/// and run: the guide's 100 per 15 min, 50,000 client keys (random per decision), 32 concurrent callers. Each round runs
/// a fixed number of decisions per path, interleaved (native, Lua, native, Lua …); reported are decisions/s (wall) and
/// this process's CPU per decision (Garnet runs in it, so that is the whole cost of a decision).
/// </summary>
internal static class NativePackedLogHarness
{
    private const int Callers = 32;
    private const int KeyCount = 50_000;

    public static async Task RunAsync(int decisions, int rounds, string? output, bool nativeOnly = false)
    {
        using EmbeddedGarnetServer server = EmbeddedGarnetServer.Start();
        if (!server.NativePackedLog)
        {
            throw new InvalidOperationException("The native packed log did not register.");
        }

        string run = Guid.NewGuid().ToString("N")[..8];
        string[] keys = [.. Enumerable.Range(0, KeyCount).Select(i => $"10.{i / 65536}.{i / 256 % 256}.{i % 256}")];
        using var luaExecutor = new GarnetSessionScriptExecutor(server.Host, nativePackedLog: false);
        using var native = new RedisPartitionedRateLimiter(server, Options($"bench:{run}:native:"));
        using var lua = new RedisPartitionedRateLimiter(null, luaExecutor, Options($"bench:{run}:lua:"), null, null, null, null);
        var table = new StringBuilder();
        table.AppendLine("| round | path | decisions/s | CPU µs/decision | granted |");
        table.AppendLine("|---:|---|---:|---:|---:|");
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            // Tiered JIT and Garnet's first pages: the first rounds run far slower than the rest.
            await Measure(native, keys, 50_000);
            await Measure(lua, keys, 50_000);
        }

        var results = new Dictionary<string, List<(double PerSecond, double CpuMicros)>> { ["native"] = [], ["Lua"] = [] };
        for (int round = 1; round <= rounds; round++)
        {
            foreach ((string name, RedisPartitionedRateLimiter limiter) in nativeOnly ? new[] { ("native", native) } : new[] { ("native", native), ("Lua", lua) })
            {
                (double perSecond, double cpu, long granted) = await Measure(limiter, keys, decisions);
                results[name].Add((perSecond, cpu));
                string line = string.Create(CultureInfo.InvariantCulture, $"| {round} | {name} | {perSecond:N0} | {cpu:F2} | {granted:N0} |");
                Console.WriteLine(line);
                table.AppendLine(line);
            }
        }

        table.AppendLine();
        table.AppendLine("| path | median decisions/s | median CPU µs/decision |");
        table.AppendLine("|---|---:|---:|");
        foreach ((string name, List<(double PerSecond, double CpuMicros)> list) in results.Where(r => r.Value.Count > 0))
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(list.Select(r => r.PerSecond)):N0} | {Median(list.Select(r => r.CpuMicros)):F2} |"));
        }

        Console.WriteLine(table);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, table.ToString());
        }
    }

    private static RedisRateLimiterOptions Options(string prefix) => new()
    {
        KeyPrefix = prefix,
        PermitLimit = 100,
        Window = TimeSpan.FromMinutes(15),
        FailurePolicy = RedisFailurePolicy.FailClosed,
    };

    private static async Task<(double PerSecond, double CpuMicros, long Granted)> Measure(RedisPartitionedRateLimiter limiter, string[] keys, int decisions)
    {
        int perCaller = decisions / Callers;
        long granted = 0;
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            long mine = 0;
            for (int i = 0; i < perCaller; i++)
            {
                if ((await limiter.DecideAsync(keys[random.Next(keys.Length)])).IsAllowed)
                {
                    mine++;
                }
            }

            Interlocked.Add(ref granted, mine);
        })));
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds;
        int total = perCaller * Callers;
        return (total / seconds, cpu / total, granted);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

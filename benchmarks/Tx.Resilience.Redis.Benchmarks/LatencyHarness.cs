using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Benchmarks;

/// <summary>
/// Latency of one decision, one caller, one key, alternating the limiters (the anchor; Tx on its direct transport; Tx through StackExchangeRedis, as before session 5) in rounds so both see the same
/// machine noise: p50 / p99 per limiter and server. BenchmarkDotNet reports means, not a p99 of single calls.
/// </summary>
internal static class LatencyHarness
{
    private const int Rounds = 20;
    private const int PerRound = 500;

    public static async Task RunAsync(string? output)
    {
        var table = new StringBuilder();
        table.AppendLine("| server | limiter | p50 (µs) | p99 (µs) | p99 ratio |");
        table.AppendLine("|---|---|---:|---:|---:|");
        foreach (string server in new[] { "Redis", "Garnet" })
        {
            using var servers = new BenchmarkServers(server);
            using var tx = servers.CreateTx();
            using var txMultiplexer = servers.CreateTx(variant: "se", configure: o => o.Transport = RedisTransport.StackExchangeRedis);
            using var anchor = servers.CreateAnchor("latency");
            var txTimes = new List<double>();
            var txMultiplexerTimes = new List<double>();
            var anchorTimes = new List<double>();
            await Measure(async () => (await tx.DecideAsync("latency")).IsAllowed, 200, null);
            await Measure(async () => (await txMultiplexer.DecideAsync("latency")).IsAllowed, 200, null);
            await Measure(async () => { using RateLimitLease l = await anchor.AcquireAsync(); return l.IsAcquired; }, 200, null);
            for (int round = 0; round < Rounds; round++)
            {
                await Measure(async () => (await tx.DecideAsync("latency")).IsAllowed, PerRound, txTimes);
                await Measure(async () => { using RateLimitLease l = await anchor.AcquireAsync(); return l.IsAcquired; }, PerRound, anchorTimes);
                await Measure(async () => (await txMultiplexer.DecideAsync("latency")).IsAllowed, PerRound, txMultiplexerTimes);
            }

            double anchorP99 = Percentile(anchorTimes, 0.99);
            double txP99 = Percentile(txTimes, 0.99);
            double txMultiplexerP99 = Percentile(txMultiplexerTimes, 0.99);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {server} | RedisRateLimiting 1.2.1 | {Percentile(anchorTimes, 0.5):F0} | {anchorP99:F0} | 1.00 |");
            table.AppendLine(CultureInfo.InvariantCulture, $"| {server} | Tx DecideAsync (Transport = StackExchangeRedis, before) | {Percentile(txMultiplexerTimes, 0.5):F0} | {txMultiplexerP99:F0} | {txMultiplexerP99 / anchorP99:F2} |");
            table.AppendLine(CultureInfo.InvariantCulture, $"| {server} | Tx DecideAsync (Transport = Direct, default) | {Percentile(txTimes, 0.5):F0} | {txP99:F0} | {txP99 / anchorP99:F2} |");
        }

        Console.WriteLine(table);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, table.ToString());
        }
    }

    private static async Task Measure(Func<Task<bool>> decide, int count, List<double>? times)
    {
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await decide();
            times?.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// Latency of one aggregate load from a snapshot at 9,900 + a 100-event tail, measured load by load (the two providers
/// alternate), reporting min / median / p90: on a shared machine the minimum shows the cost of the work itself, the
/// median what the load made of it. Run: <c>-- snapshot-tail [loads] [output.md]</c>.
/// </summary>
public static class SnapshotTailProbe
{
    private const int Tail = 100;
    private const int Stream = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int loads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        string? output = args.Length > 2 ? args[2] : null;
        var stores = BenchStores.Instance;
        var targets = new[] { ("TxPostgreSql", stores.TxPostgreSqlSnapshots), ("TxMySql", stores.TxMySqlSnapshots) };
        foreach (var (_, services) in targets)
        {
            var store = services.GetRequiredService<IEventStore>();
            for (int v = 0; v < Stream; v += 100)
            {
                await store.AppendAsync("probe", ExpectedVersion.Exact(v), BenchEnvironment.Events("probe", 100));
            }

            var account = new BenchAccount();
            await foreach (var e in store.ReadStreamAsync("probe", maxCount: Stream - Tail))
            {
                account.Fold((AccountDebited)e.Data);
            }

            await store.SaveSnapshotAsync("probe", Stream - Tail, account);
        }

        var times = targets.Select(_ => new List<double>(loads)).ToArray();
        for (int i = -20; i < loads; i++)
        {
            for (int t = 0; t < targets.Length; t++)
            {
                var repository = BenchStores.Repository(targets[t].Item2);
                long started = Stopwatch.GetTimestamp();
                var loaded = await repository.LoadAsync("probe");
                double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (loaded!.Version != Stream || loaded.Count != Stream)
                {
                    throw new InvalidOperationException($"{targets[t].Item1}: loaded version {loaded.Version} with {loaded.Count} events counted; expected {Stream} and {Stream}.");
                }

                if (i >= 0)
                {
                    times[t].Add(ms);
                }
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Aggregate load = snapshot at {Stream - Tail} + {Tail}-event tail (checked: version and event count {Stream}), {loads} loads each, alternating, after 20 warm-up loads.");
        text.AppendLine();
        text.AppendLine("| provider | min ms | median ms | p90 ms |");
        text.AppendLine("|---|---:|---:|---:|");
        for (int t = 0; t < targets.Length; t++)
        {
            var sorted = times[t].Order().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {targets[t].Item1} | {sorted[0]:F2} | {sorted[sorted.Length / 2]:F2} | {sorted[(int)(sorted.Length * 0.9)]:F2} |");
        }

        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text.ToString());
        }

        return 0;
    }
}

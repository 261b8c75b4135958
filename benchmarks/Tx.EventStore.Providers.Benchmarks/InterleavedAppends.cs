using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// The append workloads again, interleaved: every round runs each store on the same small chunk of work, in a rotating
/// order, so load changes on the shared machine hit all stores alike. Reports per store the median time per event over
/// the rounds and the median of the per-round ratios to Marten. Run: <c>-- interleaved [rounds] [output.md]</c>.
/// </summary>
public static class InterleavedAppends
{
    private const int Streams = 50;
    private const int Batches = 20;
    private static readonly string[] s_stores = ["Marten", "TxPostgreSql", "RawPostgreSql", "TxMySql", "RawMySql"];
    private static readonly string[] s_workloads = ["new streams x10, a commit each", "+10 to existing streams, expected version", "commits of 100 events"];

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        string? output = args.Length > 2 ? args[2] : null;
        var stores = BenchStores.Instance;
        var versions = new long[s_stores.Length, Streams];
        await SeedAsync(stores, versions);

        // [workload, store, round] = microseconds per event.
        var times = new double[s_workloads.Length, s_stores.Length, rounds];
        for (int round = -1; round < rounds; round++)
        {
            for (int w = 0; w < s_workloads.Length; w++)
            {
                for (int k = 0; k < s_stores.Length; k++)
                {
                    int s = (k + Math.Max(round, 0) + w) % s_stores.Length;
                    long started = Stopwatch.GetTimestamp();
                    int events = await RunAsync(stores, w, s, versions, round);
                    double perEvent = Stopwatch.GetElapsedTime(started).TotalMicroseconds / events;
                    if (round >= 0)
                    {
                        times[w, s, round] = perEvent;
                    }
                }
            }

            Console.WriteLine($"round {round + 1}/{rounds} done");
        }

        string report = Report(times, rounds);
        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    private static async Task<int> RunAsync(BenchStores stores, int workload, int store, long[,] versions, int round)
    {
        string run = $"il{round + 1}-{Guid.NewGuid().ToString("N")[..6]}";
        switch (workload)
        {
            case 0:
                for (int i = 0; i < Streams; i++)
                {
                    await NewStreamAsync(stores, store, $"{run}-{i}", 10);
                }

                return Streams * 10;
            case 1:
                for (int i = 0; i < Streams; i++)
                {
                    versions[store, i] = await ExistingAsync(stores, store, $"il-seed-{i}", versions[store, i]);
                }

                return Streams * 10;
            default:
                for (int i = 0; i < Batches; i++)
                {
                    await NewStreamAsync(stores, store, $"{run}-b{i}", 100);
                }

                return Batches * 100;
        }
    }

    private static async Task NewStreamAsync(BenchStores stores, int store, string id, int count)
    {
        switch (store)
        {
            case 0:
                await using (var session = stores.Marten.LightweightSession())
                {
                    session.Events.StartStream(id, BenchEnvironment.MartenEvents(id, count));
                    await session.SaveChangesAsync();
                }

                break;
            case 1:
                await stores.TxPostgreSqlStore.AppendAsync(id, ExpectedVersion.NoStream, BenchEnvironment.Events(id, count));
                break;
            case 2:
                await stores.RawPostgreSql.AppendAsync(id, 0, count);
                break;
            case 3:
                await stores.TxMySqlStore.AppendAsync(id, ExpectedVersion.NoStream, BenchEnvironment.Events(id, count));
                break;
            default:
                await stores.RawMySql.AppendAsync(id, 0, count);
                break;
        }
    }

    private static async Task<long> ExistingAsync(BenchStores stores, int store, string id, long version)
    {
        switch (store)
        {
            case 0:
                await using (var session = stores.Marten.LightweightSession())
                {
                    session.Events.Append(id, version + 10, BenchEnvironment.MartenEvents(id, 10));
                    await session.SaveChangesAsync();
                }

                return version + 10;
            case 1:
                return (await stores.TxPostgreSqlStore.AppendAsync(id, ExpectedVersion.Exact(version), BenchEnvironment.Events(id, 10))).StreamVersion;
            case 2:
                await stores.RawPostgreSql.AppendAsync(id, version, 10);
                return version + 10;
            case 3:
                return (await stores.TxMySqlStore.AppendAsync(id, ExpectedVersion.Exact(version), BenchEnvironment.Events(id, 10))).StreamVersion;
            default:
                await stores.RawMySql.AppendAsync(id, version, 10);
                return version + 10;
        }
    }

    private static async Task SeedAsync(BenchStores stores, long[,] versions)
    {
        for (int s = 0; s < s_stores.Length; s++)
        {
            for (int i = 0; i < Streams; i++)
            {
                await NewStreamAsync(stores, s, $"il-seed-{i}", 10);
                versions[s, i] = 10;
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Report(double[,,] times, int rounds)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Interleaved appends: {rounds} rounds (+1 warm-up); per round {Streams} streams x 10 events, {Streams} existing streams +10, {Batches} commits of 100; store order rotates each round.");
        text.AppendLine();
        text.AppendLine("| work | store | median µs/event | events/s | ratio vs Marten (median of per-round ratios) | min–max ratio |");
        text.AppendLine("|---|---|---:|---:|---:|---|");
        for (int w = 0; w < s_workloads.Length; w++)
        {
            for (int s = 0; s < s_stores.Length; s++)
            {
                var mine = Enumerable.Range(0, rounds).Select(r => times[w, s, r]).ToArray();
                var ratios = Enumerable.Range(0, rounds).Select(r => times[w, s, r] / times[w, 0, r]).ToArray();
                double median = Median(mine);
                text.AppendLine(CultureInfo.InvariantCulture, $"| {s_workloads[w]} | {s_stores[s]} | {median:F1} | {1_000_000 / median:F0} | {Median(ratios):F2} | {ratios.Min():F2}–{ratios.Max():F2} |");
            }
        }

        return text.ToString();
    }
}

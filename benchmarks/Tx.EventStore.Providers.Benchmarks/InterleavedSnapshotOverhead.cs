using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Aggregates;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// The snapshot policy's cost, interleaved: each round saves 1,000 events (100 saves of 10) through the aggregate
/// repository without snapshots and with a snapshot every 1,000 events (so exactly one snapshot per round), in
/// alternating order; reports the median of the per-round time ratios. Run: <c>-- snapshot-overhead [rounds] [output.md]</c>.
/// </summary>
public static class InterleavedSnapshotOverhead
{
    private const int Saves = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        string? output = args.Length > 2 ? args[2] : null;
        var stores = BenchStores.Instance;
        var pairs = new[]
        {
            ("PostgreSql", stores.TxPostgreSql, stores.TxPostgreSqlSnapshots),
            ("MySql", stores.TxMySql, stores.TxMySqlSnapshots),
        };
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Snapshot every 1,000 events vs none: {rounds} rounds (+1 warm-up) of 1,000 events (100 saves x 10) each, alternating; one snapshot per round.");
        text.AppendLine();
        text.AppendLine("| provider | no snapshots, median µs/event | snapshot every 1,000, median µs/event | overhead (median of per-round ratios) | snapshots taken |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, without, with) in pairs)
        {
            var plain = BenchAccount.Create("ovh-plain-" + Guid.NewGuid().ToString("N"));
            var snapped = BenchAccount.Create("ovh-snap-" + Guid.NewGuid().ToString("N"));
            var withoutRepository = BenchStores.Repository(without);
            var withRepository = BenchStores.Repository(with);
            var a = new List<double>();
            var b = new List<double>();
            for (int round = -1; round < rounds; round++)
            {
                bool snapshotFirst = round % 2 == 0;
                double first = await SaveAsync(snapshotFirst ? withRepository : withoutRepository, snapshotFirst ? snapped : plain);
                double second = await SaveAsync(snapshotFirst ? withoutRepository : withRepository, snapshotFirst ? plain : snapped);
                if (round >= 0)
                {
                    a.Add(snapshotFirst ? second : first);
                    b.Add(snapshotFirst ? first : second);
                }
            }

            var snapshot = await with.GetRequiredService<IEventStore>().Provider.Snapshots.LoadAsync(snapped.Id);
            var ratios = a.Zip(b, (x, y) => y / x).Order().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Median(a):F1} | {Median(b):F1} | {(ratios[ratios.Length / 2] - 1) * 100:+0.0;-0.0} % | {(snapshot?.StreamVersion ?? 0) / 1000} (latest at {snapshot?.StreamVersion ?? 0}) |");
        }

        Console.WriteLine(text);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, text.ToString());
        }

        return 0;
    }

    private static async Task<double> SaveAsync(AggregateRepository<BenchAccount> repository, BenchAccount account)
    {
        long started = Stopwatch.GetTimestamp();
        for (int s = 0; s < Saves; s++)
        {
            for (int i = 0; i < 10; i++)
            {
                account.Debit(1 + i);
            }

            await repository.SaveAsync(account);
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / (Saves * 10);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

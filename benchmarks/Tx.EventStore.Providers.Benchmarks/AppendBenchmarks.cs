using BenchmarkDotNet.Attributes;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// Appends, one commit at a time: 200 new streams × 10 events; +10 events to 200 existing streams with the
/// expected version; 20,000 events in commits of 100 (the 1,000/100,000 scaled down 5× for the shared machine). Marten (Quick append mode) on the same PostgreSQL is the
/// baseline of each group; Raw* is plain driver INSERTs of the same rows (the floor).
/// </summary>
[Config(typeof(ThroughputConfig))]
public class AppendBenchmarks
{
    // The runs are 1,000 streams; 200 keep a run within minutes on the shared 2-core machine (rates are per event).
    private const int Streams = 200;
    private static readonly long[] s_versions = new long[5 * Streams];
    private static bool s_seeded;
    private static int s_run;
    private BenchStores _stores = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stores = BenchStores.Instance;
        if (!s_seeded)
        {
            s_seeded = true;
            SeedAsync().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Streams * 10), BenchmarkCategory("1 new streams x10")]
    public async Task Marten_NewStreams()
    {
        string run = NextRun();
        for (int i = 0; i < Streams; i++)
        {
            await using var session = _stores.Marten.LightweightSession();
            session.Events.StartStream($"{run}-{i}", BenchEnvironment.MartenEvents(run, 10));
            await session.SaveChangesAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("1 new streams x10")]
    public Task TxPostgreSql_NewStreams() => TxNewStreamsAsync(_stores.TxPostgreSqlStore, 10);

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("1 new streams x10")]
    public Task RawPostgreSql_NewStreams() => RawNewStreamsAsync(_stores.RawPostgreSql.AppendAsync, 10);

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("1 new streams x10")]
    public Task TxMySql_NewStreams() => TxNewStreamsAsync(_stores.TxMySqlStore, 10);

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("1 new streams x10")]
    public Task RawMySql_NewStreams() => RawNewStreamsAsync(_stores.RawMySql.AppendAsync, 10);

    [Benchmark(Baseline = true, OperationsPerInvoke = Streams * 10), BenchmarkCategory("2 existing +10, expected version")]
    public async Task Marten_Existing()
    {
        for (int i = 0; i < Streams; i++)
        {
            await using var session = _stores.Marten.LightweightSession();
            long next = s_versions[i] + 10;
            session.Events.Append($"seed-{i}", next, BenchEnvironment.MartenEvents("seed", 10));
            await session.SaveChangesAsync();
            s_versions[i] = next;
        }
    }

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("2 existing +10, expected version")]
    public Task TxPostgreSql_Existing() => TxExistingAsync(_stores.TxPostgreSqlStore, 1);

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("2 existing +10, expected version")]
    public Task RawPostgreSql_Existing() => RawExistingAsync(_stores.RawPostgreSql.AppendAsync, 2);

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("2 existing +10, expected version")]
    public Task TxMySql_Existing() => TxExistingAsync(_stores.TxMySqlStore, 3);

    [Benchmark(OperationsPerInvoke = Streams * 10), BenchmarkCategory("2 existing +10, expected version")]
    public Task RawMySql_Existing() => RawExistingAsync(_stores.RawMySql.AppendAsync, 4);

    [Benchmark(Baseline = true, OperationsPerInvoke = Streams * 100), BenchmarkCategory("3 commits of 100 events")]
    public async Task Marten_Batches()
    {
        string run = NextRun();
        for (int i = 0; i < Streams; i++)
        {
            await using var session = _stores.Marten.LightweightSession();
            session.Events.StartStream($"{run}-{i}", BenchEnvironment.MartenEvents(run, 100));
            await session.SaveChangesAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Streams * 100), BenchmarkCategory("3 commits of 100 events")]
    public Task TxPostgreSql_Batches() => TxNewStreamsAsync(_stores.TxPostgreSqlStore, 100);

    [Benchmark(OperationsPerInvoke = Streams * 100), BenchmarkCategory("3 commits of 100 events")]
    public Task RawPostgreSql_Batches() => RawNewStreamsAsync(_stores.RawPostgreSql.AppendAsync, 100);

    [Benchmark(OperationsPerInvoke = Streams * 100), BenchmarkCategory("3 commits of 100 events")]
    public Task TxMySql_Batches() => TxNewStreamsAsync(_stores.TxMySqlStore, 100);

    [Benchmark(OperationsPerInvoke = Streams * 100), BenchmarkCategory("3 commits of 100 events")]
    public Task RawMySql_Batches() => RawNewStreamsAsync(_stores.RawMySql.AppendAsync, 100);

    private static string NextRun() => "r" + Interlocked.Increment(ref s_run).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

    private static async Task TxNewStreamsAsync(IEventStore store, int count)
    {
        string run = NextRun();
        for (int i = 0; i < Streams; i++)
        {
            await store.AppendAsync($"{run}-{i}", ExpectedVersion.NoStream, BenchEnvironment.Events(run, count));
        }
    }

    private static async Task RawNewStreamsAsync(Func<string, long, int, Task> append, int count)
    {
        string run = NextRun();
        for (int i = 0; i < Streams; i++)
        {
            await append($"{run}-{i}", 0, count);
        }
    }

    private static async Task TxExistingAsync(IEventStore store, int slot)
    {
        for (int i = 0; i < Streams; i++)
        {
            int k = (slot * Streams) + i;
            var result = await store.AppendAsync($"seed-{i}", ExpectedVersion.Exact(s_versions[k]), BenchEnvironment.Events("seed", 10));
            s_versions[k] = result.StreamVersion;
        }
    }

    private static async Task RawExistingAsync(Func<string, long, int, Task> append, int slot)
    {
        for (int i = 0; i < Streams; i++)
        {
            int k = (slot * Streams) + i;
            await append($"seed-{i}", s_versions[k], 10);
            s_versions[k] += 10;
        }
    }

    private async Task SeedAsync()
    {
        for (int i = 0; i < Streams; i++)
        {
            string id = $"seed-{i}";
            await using (var session = _stores.Marten.LightweightSession())
            {
                session.Events.StartStream(id, BenchEnvironment.MartenEvents("seed", 10));
                await session.SaveChangesAsync();
            }

            await _stores.TxPostgreSqlStore.AppendAsync(id, ExpectedVersion.NoStream, BenchEnvironment.Events("seed", 10));
            await _stores.RawPostgreSql.AppendAsync(id, 0, 10);
            await _stores.TxMySqlStore.AppendAsync(id, ExpectedVersion.NoStream, BenchEnvironment.Events("seed", 10));
            await _stores.RawMySql.AppendAsync(id, 0, 10);
        }

        Array.Fill(s_versions, 10);
    }
}

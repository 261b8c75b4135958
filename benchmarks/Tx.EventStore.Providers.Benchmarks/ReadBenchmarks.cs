using BenchmarkDotNet.Attributes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// Rehydrate a 10,000-event stream (deserialize and fold every event); the same with a snapshot at 9,900 and a
/// 100-event tail; read the 20,000 events of the global log in order, in pages of 1,000. Marten on the same
/// PostgreSQL is the baseline; Raw* reads the same rows with the plain driver (the floor).
/// </summary>
[Config(typeof(ReadConfig))]
public class ReadBenchmarks
{
    private const int BigStream = 10_000;
    private const int ReadAllCount = 20_000;
    private const int Page = 1000;
    private static bool s_seeded;
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

    [Benchmark(Baseline = true), BenchmarkCategory("1 rehydrate 10k")]
    public async Task<decimal> Marten_Rehydrate()
    {
        await using var session = _stores.Marten.QuerySession();
        var events = await session.Events.FetchStreamAsync("big");
        var account = new MartenAccount();
        foreach (var e in events)
        {
            account.Apply((AccountDebited)e.Data);
        }

        return account.Debited;
    }

    [Benchmark, BenchmarkCategory("1 rehydrate 10k")]
    public async Task<decimal> TxPostgreSql_Rehydrate() => (await BenchStores.Repository(_stores.TxPostgreSql).LoadAsync("big"))!.Debited;

    [Benchmark, BenchmarkCategory("1 rehydrate 10k")]
    public async Task<decimal> TxPostgreSql_SnapshotPlus100() => (await BenchStores.Repository(_stores.TxPostgreSqlSnapshots).LoadAsync("snap"))!.Debited;

    [Benchmark, BenchmarkCategory("1 rehydrate 10k")]
    public Task<decimal> RawPostgreSql_Rehydrate() => _stores.RawPostgreSql.RehydrateAsync("big");

    [Benchmark, BenchmarkCategory("1 rehydrate 10k")]
    public async Task<decimal> TxMySql_Rehydrate() => (await BenchStores.Repository(_stores.TxMySql).LoadAsync("big"))!.Debited;

    [Benchmark, BenchmarkCategory("1 rehydrate 10k")]
    public async Task<decimal> TxMySql_SnapshotPlus100() => (await BenchStores.Repository(_stores.TxMySqlSnapshots).LoadAsync("snap"))!.Debited;

    [Benchmark, BenchmarkCategory("1 rehydrate 10k")]
    public Task<decimal> RawMySql_Rehydrate() => _stores.RawMySql.RehydrateAsync("big");

    [Benchmark(Baseline = true, OperationsPerInvoke = ReadAllCount), BenchmarkCategory("2 read all 20k")]
    public async Task<int> Marten_ReadAll()
    {
        await using var session = _stores.Marten.QuerySession();
        long after = 0;
        int total = 0;
        while (total < ReadAllCount)
        {
            var page = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(Page).ToListAsync();
            if (page.Count == 0)
            {
                break;
            }

            total += page.Count;
            after = page[^1].Sequence;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = ReadAllCount), BenchmarkCategory("2 read all 20k")]
    public Task<int> TxPostgreSql_ReadAll() => TxReadAllAsync(_stores.TxPostgreSqlStore);

    [Benchmark(OperationsPerInvoke = ReadAllCount), BenchmarkCategory("2 read all 20k")]
    public Task<int> RawPostgreSql_ReadAll() => _stores.RawPostgreSql.ReadAllAsync(Page);

    [Benchmark(OperationsPerInvoke = ReadAllCount), BenchmarkCategory("2 read all 20k")]
    public Task<int> TxMySql_ReadAll() => TxReadAllAsync(_stores.TxMySqlStore);

    [Benchmark(OperationsPerInvoke = ReadAllCount), BenchmarkCategory("2 read all 20k")]
    public Task<int> RawMySql_ReadAll() => _stores.RawMySql.ReadAllAsync(Page);

    private static async Task<int> TxReadAllAsync(IEventStore store)
    {
        long after = 0;
        int total = 0;
        while (total < ReadAllCount)
        {
            var page = await store.ReadAllAsync(after, Page);
            if (page.Count == 0)
            {
                break;
            }

            total += page.Count;
            after = page[^1].Position;
        }

        return total;
    }

    private async Task SeedAsync()
    {
        // "big" and "snap": 10,000 events each in commits of 100 (the global log of each store then holds 20,000 events).
        foreach (string id in new[] { "big", "snap" })
        {
            for (int v = 0; v < BigStream; v += 100)
            {
                await using (var session = _stores.Marten.LightweightSession())
                {
                    session.Events.Append(id, BenchEnvironment.MartenEvents(id, 100));
                    await session.SaveChangesAsync();
                }

                await _stores.TxPostgreSqlStore.AppendAsync(id, ExpectedVersion.Any, BenchEnvironment.Events(id, 100));
                await _stores.RawPostgreSql.AppendAsync(id, v, 100);
                await _stores.TxMySqlStore.AppendAsync(id, ExpectedVersion.Any, BenchEnvironment.Events(id, 100));
                await _stores.RawMySql.AppendAsync(id, v, 100);
            }
        }

        // Snapshot at 9,900: loading "snap" reads the snapshot and a 100-event tail.
        foreach (var services in new[] { _stores.TxPostgreSqlSnapshots, _stores.TxMySqlSnapshots })
        {
            var store = services.GetRequiredService<IEventStore>();
            var account = new BenchAccount();
            await foreach (var e in store.ReadStreamAsync("snap", maxCount: BigStream - 100))
            {
                account.Fold((AccountDebited)e.Data);
            }

            await store.SaveSnapshotAsync("snap", BigStream - 100, account);
        }
    }
}

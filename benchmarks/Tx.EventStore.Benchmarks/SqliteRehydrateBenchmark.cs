using BenchmarkDotNet.Attributes;
using Tx.EventStore.Aggregates;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Benchmarks;

/// <summary>Rehydrate a 10,000-event stream: full replay, and latest snapshot + 100-event tail. Mean = per load.</summary>
[MemoryDiagnoser]
public class SqliteRehydrateBenchmark
{
    private SqliteBench _bench = null!;
    private RawSqlite _raw = null!;
    private AggregateRepository<BenchAccount> _repository = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = new SqliteBench(durable: false);
        _raw = new RawSqlite(durable: false);
        _repository = _bench.Get<AggregateRepository<BenchAccount>>();
        for (int i = 0; i < 10; i++)
        {
            await _bench.Store.AppendAsync("full", ExpectedVersion.Exact(i * 1000), SqliteBench.Events("full", 1000));
            await _bench.Store.AppendAsync("snap", ExpectedVersion.Exact(i * 1000), SqliteBench.Events("snap", 1000));
            _raw.Append("full", i * 1000, 1000);
        }

        var atTenThousand = (await _repository.LoadAsync("snap"))!;
        await _bench.Store.SaveSnapshotAsync("snap", 10_000, atTenThousand);
        await _bench.Store.AppendAsync("snap", ExpectedVersion.Exact(10_000), SqliteBench.Events("snap", 100));
        if ((await _repository.LoadAsync("snap"))!.Count != 10_100 || (await _repository.LoadAsync("full"))!.Count != 10_000)
        {
            throw new InvalidOperationException("Setup is wrong.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bench.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true)]
    public decimal RawSql_10000() => _raw.Rehydrate("full");

    [Benchmark]
    public async Task<decimal> TxEventStore_10000() => (await _repository.LoadAsync("full"))!.Balance;

    [Benchmark]
    public async Task<decimal> TxEventStore_Snapshot_Plus100() => (await _repository.LoadAsync("snap"))!.Balance;
}

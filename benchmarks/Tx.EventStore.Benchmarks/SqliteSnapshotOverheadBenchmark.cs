using BenchmarkDotNet.Attributes;
using Tx.EventStore.Aggregates;

namespace Tx.EventStore.Benchmarks;

/// <summary>
/// Snapshot overhead: 10,000 events saved through the aggregate repository, 10 per save, with a snapshot every
/// 1,000 events versus none. Mean = per event; the ratio is the overhead.
/// </summary>
[MemoryDiagnoser]
public class SqliteSnapshotOverheadBenchmark
{
    private const int Saves = 1000;
    private const int EventsPerSave = 10;
    private SqliteBench _without = null!;
    private SqliteBench _with = null!;
    private int _round;

    /// <summary>Gets or sets a value indicating whether commits are fsynced; the durable cost is measured by the new-streams benchmark.</summary>
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _without = new SqliteBench(Durable, o => o.Snapshots.Enabled = false);
        _with = new SqliteBench(Durable, o => o.Snapshots.Interval = 1000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _without.Dispose();
        _with.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Saves * EventsPerSave)]
    public Task NoSnapshots() => RunAsync(_without);

    [Benchmark(OperationsPerInvoke = Saves * EventsPerSave)]
    public Task SnapshotEvery1000() => RunAsync(_with);

    private async Task RunAsync(SqliteBench bench)
    {
        var repository = bench.Get<AggregateRepository<BenchAccount>>();
        var account = BenchAccount.Open("acc-" + _round++);
        for (int s = 0; s < Saves; s++)
        {
            for (int e = 0; e < EventsPerSave; e++)
            {
                account.Deposit(1m);
            }

            await repository.SaveAsync(account);
        }
    }
}

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Aggregates;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// The cost of the snapshot policy: one aggregate saved 300 times with 10 new events each (3,000 events), through
/// the aggregate repository, without snapshots (baseline) and with a snapshot every 1,000 events (3 snapshots).
/// </summary>
[Config(typeof(ThroughputConfig))]
public class SnapshotOverheadBenchmarks
{
    private BenchStores _stores = null!;

    [GlobalSetup]
    public void Setup() => _stores = BenchStores.Instance;

    [Benchmark(Baseline = true, OperationsPerInvoke = 3_000), BenchmarkCategory("PostgreSql")]
    public Task TxPostgreSql_NoSnapshots() => SaveAsync(_stores.TxPostgreSql);

    [Benchmark(OperationsPerInvoke = 3_000), BenchmarkCategory("PostgreSql")]
    public Task TxPostgreSql_SnapshotEvery1000() => SaveAsync(_stores.TxPostgreSqlSnapshots);

    [Benchmark(Baseline = true, OperationsPerInvoke = 3_000), BenchmarkCategory("MySql")]
    public Task TxMySql_NoSnapshots() => SaveAsync(_stores.TxMySql);

    [Benchmark(OperationsPerInvoke = 3_000), BenchmarkCategory("MySql")]
    public Task TxMySql_SnapshotEvery1000() => SaveAsync(_stores.TxMySqlSnapshots);

    private static async Task SaveAsync(ServiceProvider services)
    {
        var repository = services.GetRequiredService<AggregateRepository<BenchAccount>>();
        var account = BenchAccount.Create("agg-" + Guid.NewGuid().ToString("N"));
        for (int commit = 0; commit < 300; commit++)
        {
            for (int i = 0; i < 10; i++)
            {
                account.Debit(1 + i);
            }

            await repository.SaveAsync(account);
        }
    }
}

using Marten;
using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Aggregates;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>The stores under test, created once per process in fresh schemas/databases (cases run in process).</summary>
public sealed class BenchStores
{
    public const string MySqlDatabase = "tx_bench";
    private static readonly Lazy<BenchStores> s_instance = new(() => CreateAsync().GetAwaiter().GetResult());

    private BenchStores()
    {
    }

    public static BenchStores Instance => s_instance.Value;

    public DocumentStore Marten { get; private set; } = null!;

    public ServiceProvider TxPostgreSql { get; private set; } = null!;

    public ServiceProvider TxPostgreSqlSnapshots { get; private set; } = null!;

    public ServiceProvider TxMySql { get; private set; } = null!;

    public ServiceProvider TxMySqlSnapshots { get; private set; } = null!;

    public RawPostgreSqlStore RawPostgreSql { get; private set; } = null!;

    public RawMySqlStore RawMySql { get; private set; } = null!;

    public IEventStore TxPostgreSqlStore => TxPostgreSql.GetRequiredService<IEventStore>();

    public IEventStore TxMySqlStore => TxMySql.GetRequiredService<IEventStore>();

    public static AggregateRepository<BenchAccount> Repository(ServiceProvider services) => services.GetRequiredService<AggregateRepository<BenchAccount>>();

    private static async Task<BenchStores> CreateAsync()
    {
        await BenchEnvironment.ResetPostgreSqlSchemaAsync("bench_marten", "bench_tx", "bench_raw");
        await BenchEnvironment.ResetMySqlDatabaseAsync(MySqlDatabase);
        var stores = new BenchStores
        {
            Marten = BenchEnvironment.CreateMarten("bench_marten"),
            TxPostgreSql = BenchEnvironment.CreateTxPostgreSql("bench_tx"),
            TxPostgreSqlSnapshots = BenchEnvironment.CreateTxPostgreSql("bench_tx", snapshots: true),
            TxMySql = BenchEnvironment.CreateTxMySql(MySqlDatabase, "tx"),
            TxMySqlSnapshots = BenchEnvironment.CreateTxMySql(MySqlDatabase, "tx", snapshots: true),
            RawPostgreSql = new RawPostgreSqlStore("bench_raw"),
            RawMySql = new RawMySqlStore(MySqlDatabase),
        };
        await stores.Marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await stores.RawPostgreSql.CreateAsync();
        await stores.RawMySql.CreateAsync();
        return stores;
    }
}

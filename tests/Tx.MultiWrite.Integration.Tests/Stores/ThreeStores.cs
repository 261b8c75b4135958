using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Targets;
using Tx.TestUtilities;

namespace Tx.MultiWrite.Integration.Tests.Stores;

/// <summary>
/// MariaDB (ledger + "mysql" leg), PostgreSQL (the "spanner" leg, Spanner-PG subset) and SQLite ("sqlite" leg),
/// each isolated per test; the mysql and spanner legs go through fault proxies, the ledger does not.
/// </summary>
public sealed class ThreeStores : IAsyncDisposable
{
    public static readonly string[] Legs = ["mysql", "spanner", "sqlite"];

    private ThreeStores(MariaDbDatabase mySql, PostgresSchema postgres)
    {
        MySql = mySql;
        Postgres = postgres;
        MySqlProxy = new TcpFaultProxy("127.0.0.1", 3306);
        PostgresProxy = new TcpFaultProxy("127.0.0.1", 5432);
    }

    public MariaDbDatabase MySql { get; }

    public PostgresSchema Postgres { get; }

    public SqliteFile Sqlite { get; } = new();

    public TcpFaultProxy MySqlProxy { get; }

    public TcpFaultProxy PostgresProxy { get; }

    public RecordingPublisher Publisher { get; } = new();

    public static async Task<ThreeStores> CreateAsync() => new(await MariaDbDatabase.CreateAsync(), await PostgresSchema.CreateAsync());

    public ServiceProvider BuildHost(TimeProvider time, Action<TargetLegOptions>? leg = null, Action<RetryWorkerOptions>? retry = null, Action<ITxMultiWriteBuilder>? configure = null)
    {
        var services = new ServiceCollection().AddSingleton(time);
        ITxMultiWriteBuilder builder = services.AddTxMultiWrite()
            .UseMySqlLedger(MySql.ConnectionString)
            .AddMySqlTarget(MySql.Through(MySqlProxy.Port), configureLeg: leg)
            .AddSpannerTarget(Postgres.Through(PostgresProxy.Port), configureLeg: leg)
            .AddSqliteTarget(Sqlite.Path, configureLeg: leg)
            .UseEventPublisher(_ => Publisher)
            .ConfigureRetryWorker(o =>
            {
                o.Enabled = false;
                o.BatchSize = 500;
                o.MaxConcurrency = 16;
                o.MaxAttempts = 1_000;
                o.BaseDelay = TimeSpan.FromMilliseconds(100);
                o.JitterMax = TimeSpan.FromMilliseconds(50);
                retry?.Invoke(o);
            });
        configure?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    /// <summary>Rows, distinct record keys, tombstones and success-audit rows of one store.</summary>
    public async Task<StoreCounts> CountAsync(string leg)
    {
        const string Rows = "SELECT COUNT(*) FROM multiwrite_records";
        const string Keys = "SELECT COUNT(DISTINCT record_key) FROM multiwrite_records";
        const string Tombstones = "SELECT COUNT(*) FROM multiwrite_records WHERE tombstone <> false";
        const string Audit = "SELECT COUNT(*) FROM write_audit WHERE status = 'success'";
        Func<string, Task<long>> scalar = leg switch
        {
            "mysql" => MySql.ScalarAsync,
            "spanner" => Postgres.ScalarAsync,
            _ => Sqlite.ScalarAsync,
        };
        return new StoreCounts(await scalar(Rows), await scalar(Keys), await scalar(leg == "mysql" ? "SELECT COUNT(*) FROM multiwrite_records WHERE tombstone <> 0" : Tombstones), await scalar(Audit));
    }

    public async Task<long> CountIdsAsync(string leg, IReadOnlyCollection<Guid> ids)
    {
        long found = 0;
        foreach (Guid[] chunk in ids.Chunk(500))
        {
            string list = string.Join(",", chunk.Select(id => $"'{id:D}'"));
            string sql = $"SELECT COUNT(*) FROM multiwrite_records WHERE write_id IN ({list})";
            found += leg switch
            {
                "mysql" => await MySql.ScalarAsync(sql),
                "spanner" => await Postgres.ScalarAsync(sql),
                _ => await Sqlite.ScalarAsync(sql),
            };
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await MySqlProxy.DisposeAsync();
        await PostgresProxy.DisposeAsync();
        await MySql.DisposeAsync();
        await Postgres.DisposeAsync();
        Sqlite.Dispose();
    }
}

using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Npgsql;
using Tx.EventStore.Aggregates;
using Tx.EventStore.Appending;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>Connections to the local servers and the stores under test, each in its own schema/database.</summary>
public static class BenchEnvironment
{
    public static string PostgreSql =>
        Environment.GetEnvironmentVariable("TX_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=tx;Password=tx;Database=tx_tests";

    public static string MySqlServer =>
        Environment.GetEnvironmentVariable("TX_MYSQL") ?? "Server=127.0.0.1;Port=3306;User ID=tx;Password=tx;Database=tx_tests";

    public static string MySql(string database) => new MySqlConnectionStringBuilder(MySqlServer) { Database = database }.ConnectionString;

    public static async Task ResetPostgreSqlSchemaAsync(params string[] schemas)
    {
        await using var connection = new NpgsqlConnection(PostgreSql);
        await connection.OpenAsync();
        foreach (string schema in schemas)
        {
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static async Task ResetMySqlDatabaseAsync(string database)
    {
        await using var connection = new MySqlConnection(MySqlServer);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}` CHARACTER SET utf8mb4", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static DocumentStore CreateMarten(string schema) => DocumentStore.For(o =>
    {
        o.Connection(PostgreSql);
        o.DatabaseSchemaName = schema;
        o.Events.StreamIdentity = StreamIdentity.AsString;

        // Marten's fastest append path (no per-event version round trip); the default Rich mode is slower.
        o.Events.AppendMode = EventAppendMode.Quick;
        o.AutoCreateSchemaObjects = AutoCreate.All;
    });

    public static ServiceProvider CreateTxPostgreSql(string schema, bool snapshots = false) =>
        Build(b => b.UsePostgreSql(PostgreSql, o => o.Schema = schema), snapshots);

    public static ServiceProvider CreateTxMySql(string database, string prefix, bool snapshots = false) =>
        Build(b => b.UseMySql(MySql(database), o => o.TablePrefix = prefix), snapshots);

    public static EventData[] Events(string streamId, int count)
    {
        var events = new EventData[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = new EventData(new AccountDebited(streamId, "acc_1", 10 + i), new EventMetadata("corr-" + streamId, null, "user-1"));
        }

        return events;
    }

    public static object[] MartenEvents(string streamId, int count)
    {
        var events = new object[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = new AccountDebited(streamId, "acc_1", 10 + i);
        }

        return events;
    }

    private static ServiceProvider Build(Action<ITxEventStoreBuilder> use, bool snapshots)
    {
        var services = new ServiceCollection();
        var builder = services.AddTxEventStore(o =>
        {
            o.Types.Add<AccountDebited>("AccountDebited");
            o.Snapshots.Enabled = snapshots;
            o.Snapshots.Interval = 1000;
        });
        use(builder);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IEventStore>().MigrateAsync().AsTask().GetAwaiter().GetResult();
        _ = provider.GetRequiredService<AggregateRepository<BenchAccount>>();
        return provider;
    }
}

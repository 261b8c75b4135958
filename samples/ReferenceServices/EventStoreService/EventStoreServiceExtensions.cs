using EventStoreService.Application;
using ReferenceServices.Contracts.Transactions;
using ReferenceServices.ServiceDefaults.Hosting;
using Tx.EventStore;

namespace EventStoreService;

public static class EventStoreServiceExtensions
{
    /// <summary>Opens the same store as the transaction service: the same <c>EventStore:Provider</c> and
    /// <c>EventStore:ConnectionString</c> (default: the SQLite file <c>eventstore.db</c> in the data folder), with the
    /// transaction event types registered. It only reads, and writes snapshots.</summary>
    public static WebApplicationBuilder AddEventStoreService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration config = builder.Configuration;
        ITxEventStoreBuilder store = builder.Services.AddTxEventStore(options =>
        {
            foreach (KeyValuePair<string, Type> type in TransactionEventTypes.All)
            {
                options.Types.Add(type.Value, type.Key);
            }
        });
        string provider = config["EventStore:Provider"] ?? "Sqlite";
        string connection = config["EventStore:ConnectionString"] ?? ServiceEndpoints.SqliteConnectionString(config, "eventstore.db");
        _ = provider switch
        {
            "PostgreSql" => store.UsePostgreSql(connection),
            "MySql" => store.UseMySql(connection),
            _ => store.UseSqlite(connection),
        };
        builder.Services.AddSingleton<TransactionProjection>();
        return builder;
    }
}

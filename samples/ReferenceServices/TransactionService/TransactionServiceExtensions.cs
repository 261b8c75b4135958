using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using ReferenceServices.ServiceDefaults.Hosting;
using TransactionService.Application.Commands;
using TransactionService.Application.Queries;
using TransactionService.Application.Saga;
using TransactionService.IntegrationEvents;
using Tx.Cqrs;
using Tx.EventStore;
using Tx.MultiWrite;

namespace TransactionService;

public static class TransactionServiceExtensions
{
    /// <summary>Event store (<c>EventStore:Provider</c> = Sqlite | PostgreSql | MySql), Tx.Cqrs with validation,
    /// the transfer saga, Tx.MultiWrite (SQLite target, or MySQL when <c>MultiWrite:MySql</c> is set) and the
    /// subscription that publishes stored events to Tx.Messaging.</summary>
    public static WebApplicationBuilder AddTransactionService(this WebApplicationBuilder builder)
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
        string eventStoreConnection = config["EventStore:ConnectionString"] ?? ServiceEndpoints.SqliteConnectionString(config, "eventstore.db");
        _ = provider switch
        {
            "PostgreSql" => store.UsePostgreSql(eventStoreConnection),
            "MySql" => store.UseMySql(eventStoreConnection),
            _ => store.UseSqlite(eventStoreConnection),
        };
        store.AddSubscription("transaction-publisher", sp => ActivatorUtilities.CreateInstance<TransactionEventPublisher>(sp),
            options => options.PollInterval = TimeSpan.FromMilliseconds(50));

        builder.Services.AddTxCqrs()
            .UseValidation()
            .AddValidator<CreateTransactionCommand, CreateTransactionValidator>()
            .AddCommandHandler<CreateTransactionCommand, CreateTransactionResult, CreateTransactionCommandHandler>()
            .AddQueryHandler<GetTransactionQuery, TransactionDto?, GetTransactionQueryHandler>();
        builder.Services.AddScoped<TransferSaga>();

        ITxMultiWriteBuilder multiWrite = builder.Services.AddTxMultiWrite()
            .UseSqliteLedger(Path.Combine(ServiceEndpoints.DataDirectory(config), "multiwrite-ledger.db"))
            .AddSqliteTarget(Path.Combine(ServiceEndpoints.DataDirectory(config), "transaction-records.db"));
        if (config["MultiWrite:MySql"] is { Length: > 0 } mySql)
        {
            multiWrite.AddMySqlTarget(mySql);
        }

        return builder;
    }
}

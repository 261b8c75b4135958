using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;
using SettlementService.Application;
using SettlementService.Infrastructure;
using SettlementService.IntegrationEvents;

namespace SettlementService;

public static class SettlementServiceExtensions
{
    /// <summary>The settlement store (SQLite <c>settlement.db</c>), the <c>settlement</c> consumer group on
    /// <c>transaction-events</c> (completed transactions become settleable), the batch runner and the reconciler
    /// (calls the account and event store services through the Tx.Resilience clients).</summary>
    public static WebApplicationBuilder AddSettlementService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string connectionString = builder.Configuration["Settlement:ConnectionString"]
            ?? ServiceEndpoints.SqliteConnectionString(builder.Configuration, "settlement.db");
        builder.Services.AddSingleton(new SettlementStore(connectionString));
        builder.Services.AddSingleton<Reconciler>();
        builder.Services.AddSingleton<SettlementBatchRunner>();
        builder.Services.AddTxConsumer<CompletedTransactionsHandler>([Topics.TransactionEvents], "settlement", options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            options.RetryJitter = TimeSpan.FromMilliseconds(100);
        });
        return builder;
    }
}

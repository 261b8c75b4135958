using AnalyticsService.Infrastructure;
using AnalyticsService.IntegrationEvents;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;

namespace AnalyticsService;

public static class AnalyticsServiceExtensions
{
    /// <summary>The aggregate store (SQLite <c>analytics.db</c> in the data folder) and the <c>analytics</c> consumer
    /// group on <c>transaction-events</c> (Tx.Messaging: retries, then <c>transaction-events-dlq</c>).</summary>
    public static WebApplicationBuilder AddAnalyticsService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string connectionString = builder.Configuration["Analytics:ConnectionString"]
            ?? ServiceEndpoints.SqliteConnectionString(builder.Configuration, "analytics.db");
        builder.Services.AddSingleton(new AnalyticsStore(connectionString));
        builder.Services.AddTxConsumer<TransactionEventsHandler>([Topics.TransactionEvents], "analytics", options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            options.RetryJitter = TimeSpan.FromMilliseconds(100);
        });
        return builder;
    }
}

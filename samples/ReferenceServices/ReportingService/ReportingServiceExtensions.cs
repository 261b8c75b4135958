using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;
using ReportingService.Application;
using ReportingService.Infrastructure;
using ReportingService.IntegrationEvents;

namespace ReportingService;

public static class ReportingServiceExtensions
{
    /// <summary>Statements come from the account service's ledger (HTTP through Tx.Resilience); daily summaries from the
    /// <c>reporting</c> consumer group's copy of final transaction states (SQLite <c>reporting.db</c>).</summary>
    public static WebApplicationBuilder AddReportingService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string connectionString = builder.Configuration["Reporting:ConnectionString"]
            ?? ServiceEndpoints.SqliteConnectionString(builder.Configuration, "reporting.db");
        builder.Services.AddSingleton(new ReportingStore(connectionString));
        builder.Services.AddSingleton<StatementBuilder>();
        builder.Services.AddTxConsumer<FinalTransactionsHandler>([Topics.TransactionEvents], "reporting", options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            options.RetryJitter = TimeSpan.FromMilliseconds(100);
        });
        return builder;
    }
}

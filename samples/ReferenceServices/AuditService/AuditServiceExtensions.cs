using AuditService.Application;
using AuditService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;

namespace AuditService;

public static class AuditServiceExtensions
{
    /// <summary>The hash-chained log in SQLite (<c>audit.db</c>) and the Tx.Messaging consumer group <c>audit-service</c>
    /// on every topic of <see cref="Topics.All"/>.</summary>
    public static WebApplicationBuilder AddAuditService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration config = builder.Configuration;
        string connectionString = config["Audit:ConnectionString"] ?? ServiceEndpoints.SqliteConnectionString(config, "audit.db");
        builder.Services.AddSingleton(sp => new AuditStore(connectionString, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddTxConsumer<AuditMessageHandler>(Topics.All, "audit-service", options =>
        {
            options.MaxRetries = 5;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
            options.RetryJitter = TimeSpan.FromMilliseconds(100);
        });
        return builder;
    }
}

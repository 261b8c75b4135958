using AuditService.Apis;
using AuditService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace AuditService;

/// <summary>Builds the audit service (3006): every topic into an append-only, hash-chained log.</summary>
public static class AuditServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Audit, context);
        builder.AddAuditService();
        WebApplication app = builder.Build();
        _ = app.Services.GetRequiredService<AuditStore>(); // schema at start, not on the first request
        app.MapDefaultEndpoints();
        app.MapAuditApi();
        return app;
    }
}

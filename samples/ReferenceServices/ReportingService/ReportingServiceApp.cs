using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;
using ReportingService.Apis;

namespace ReportingService;

/// <summary>The reporting service (3011): account statements and daily summaries, JSON or CSV.</summary>
public static class ReportingServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Reporting, context);
        builder.AddReportingService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapReportsApi();
        return app;
    }
}

using AnalyticsService.Apis;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace AnalyticsService;

/// <summary>The analytics service (3007): real-time aggregates from <c>transaction-events</c>.</summary>
public static class AnalyticsServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Analytics, context);
        builder.AddAnalyticsService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapAnalyticsApi();
        return app;
    }
}

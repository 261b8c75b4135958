using RiskService.Apis;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace RiskService;

public static class RiskServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Risk, context);
        builder.AddRiskService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapRiskApi();
        return app;
    }
}

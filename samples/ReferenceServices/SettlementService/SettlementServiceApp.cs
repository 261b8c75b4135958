using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;
using SettlementService.Apis;

namespace SettlementService;

/// <summary>The settlement service (3010): batches completed transactions by period and reconciles each batch against
/// the account service's ledgers and the event store.</summary>
public static class SettlementServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Settlement, context);
        builder.AddSettlementService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapSettlementsApi();
        return app;
    }
}

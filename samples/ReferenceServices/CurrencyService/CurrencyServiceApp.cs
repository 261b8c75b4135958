using CurrencyService.Apis;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace CurrencyService;

public static class CurrencyServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Currency, context);
        builder.AddCurrencyService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCurrencyApi();
        return app;
    }
}

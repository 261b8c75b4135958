using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;
using TransactionService.Apis;

namespace TransactionService;

public static class TransactionServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Transaction, context);
        builder.AddTransactionService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapTransactionsApi();
        return app;
    }
}

using AccountService.Apis;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace AccountService;

/// <summary>Builds the account service (3002); the AppHost calls this, Program.cs too.</summary>
public static class AccountServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Account, context);
        builder.AddAccountService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapAccountsApi();
        return app;
    }
}

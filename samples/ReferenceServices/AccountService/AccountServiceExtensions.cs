using AccountService.Infrastructure;
using ReferenceServices.ServiceDefaults.Hosting;

namespace AccountService;

public static class AccountServiceExtensions
{
    public static WebApplicationBuilder AddAccountService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string connectionString = builder.Configuration["Account:ConnectionString"]
            ?? ServiceEndpoints.SqliteConnectionString(builder.Configuration, "accounts.db");
        bool seed = builder.Configuration.GetValue("ReferenceServices:Seed", true);
        builder.Services.AddSingleton(sp => new AccountStore(connectionString, sp.GetRequiredService<TimeProvider>(), seed));
        return builder;
    }
}

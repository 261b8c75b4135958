using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;
using UserService.Apis;
using UserService.Infrastructure;

namespace UserService;

/// <summary>Builds the user service (3001): register, log in (JWT bearer), profile.</summary>
public static class UserServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.User, context);
        builder.AddUserService();
        WebApplication app = builder.Build();
        _ = app.Services.GetRequiredService<UserStore>(); // schema at start, not on the first request
        app.MapDefaultEndpoints();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapUsersApi();
        return app;
    }
}

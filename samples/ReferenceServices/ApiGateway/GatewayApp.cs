using ApiGateway.Apis;
using ApiGateway.RateLimiting;
using ApiGateway.Resilience;
using ApiGateway.Security;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;

namespace ApiGateway;

/// <summary>The API gateway (3000): security headers → CORS → compression → per-IP sliding-window limit →
/// YARP route /api/&lt;service&gt;/… → per-service breaker + bulkhead → the service.</summary>
public static class GatewayApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Gateway, context);
        builder.AddGateway();
        WebApplication app = builder.Build();
        if (app.Configuration.GetValue<bool>("Gateway:PlainProxy"))
        {
            // Benchmark baseline only: YARP with the same routes and no policies (no limit, breaker, bulkhead, headers).
            app.MapReverseProxy();
            return app;
        }

        app.UseExceptionHandler();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCors();
        app.UseResponseCompression();
        // Benchmark breakdown only: every policy but the per-IP limit, so a run measures the limiter's share of the cost.
        if (!app.Configuration.GetValue<bool>("Gateway:BenchmarkWithoutRateLimit"))
        {
            app.UseMiddleware<RateLimitMiddleware>();
        }

        app.MapGatewayApi();
        app.MapReverseProxy(proxy => proxy.UseMiddleware<ServiceGuardMiddleware>());
        return app;
    }
}

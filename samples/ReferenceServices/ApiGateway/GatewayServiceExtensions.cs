using ApiGateway.RateLimiting;
using ApiGateway.Resilience;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace ApiGateway;

public static class GatewayServiceExtensions
{
    /// <summary>YARP routes built from <see cref="ServiceNames"/>: <c>/api/{service}/{**rest}</c> → the service's
    /// <c>/{rest}</c>, with an <c>X-Service</c> response header.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration config = builder.Configuration;
        if (InlineIo.IsRequested(config))
        {
            InlineIo.UseInlineScheduling(builder.WebHost);
        }

        string[] services = [.. ServiceNames.DefaultPorts.Keys.Where(n => n != ServiceNames.Gateway)];
        RouteConfig[] routes = [.. services.Select(name => new RouteConfig
            {
                RouteId = name,
                ClusterId = name,
                Match = new RouteMatch { Path = $"/api/{name}/{{**rest}}" },
            }
            .WithTransformPathRemovePrefix($"/api/{name}")
            .WithTransformResponseHeader("X-Service", name, append: false, ResponseCondition.Always))];
        ClusterConfig[] clusters = [.. services.Select(name => new ClusterConfig
        {
            ClusterId = name,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [name] = new() { Address = ServiceEndpoints.Resolve(config, name).ToString() },
            },
        })];
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

        builder.Services.AddOptions<GatewayOptions>().Bind(config.GetSection("Gateway"));
        builder.Services.AddSingleton(sp => new ServiceGuards(services, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddGatewayRateLimiter(config, config.GetSection("Gateway:RateLimit").Get<RateLimitSettings>() ?? new RateLimitSettings());
        builder.Services.AddSingleton<GatewayCounters>();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Service", "Retry-After")));
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);
        return builder;
    }
}

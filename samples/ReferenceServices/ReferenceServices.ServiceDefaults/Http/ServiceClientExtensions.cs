using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;

namespace ReferenceServices.ServiceDefaults.Http;

/// <summary>A named <see cref="HttpClient"/> per downstream service, its base address from <see cref="ServiceEndpoints"/>,
/// every call through <see cref="ResilienceHttpHandler"/> (Tx.Resilience retry + breaker + bulkhead + timeout).</summary>
public static class ServiceClientExtensions
{
    public static IServiceCollection AddServiceClients(this IServiceCollection services)
    {
        services.AddSingleton<ResiliencePipelineRegistry>();
        foreach (string name in ServiceNames.DefaultPorts.Keys)
        {
            services.AddHttpClient(name, (sp, client) =>
                {
                    client.BaseAddress = ServiceEndpoints.Resolve(sp.GetRequiredService<IConfiguration>(), name);
                    client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeout strategy owns it
                })
                .AddHttpMessageHandler(sp => new ResilienceHttpHandler(sp.GetRequiredService<ResiliencePipelineRegistry>().Get(name)));
        }

        return services;
    }
}

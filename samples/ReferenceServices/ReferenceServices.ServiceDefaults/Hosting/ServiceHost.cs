using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using ReferenceServices.ServiceDefaults.Messaging;

namespace ReferenceServices.ServiceDefaults.Hosting;

/// <summary>Creates a service's <see cref="WebApplicationBuilder"/>: its URL, the shared defaults and messaging.</summary>
public static class ServiceHost
{
    public static WebApplicationBuilder CreateBuilder(string serviceName, ServiceHostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = context.Args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(context.Settings);
        builder.Configuration["ReferenceServices:ServiceName"] = serviceName;
        builder.WebHost.UseUrls(ServiceEndpoints.Resolve(builder.Configuration, serviceName).ToString());
        builder.AddServiceDefaults(serviceName);
        builder.AddReferenceMessaging(context.Shared);
        return builder;
    }
}

using EventStoreService.Apis;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace EventStoreService;

/// <summary>The event store service (3012): HTTP over the transaction service's Tx.EventStore.</summary>
public static class EventStoreServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.EventStore, context);
        builder.AddEventStoreService();
        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapStreamsApi();
        app.MapEventsApi();
        app.MapProjectionsApi();
        return app;
    }
}

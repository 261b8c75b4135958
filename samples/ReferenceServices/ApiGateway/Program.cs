using ApiGateway;
using ReferenceServices.ServiceDefaults.Hosting;

WebApplication app = GatewayApp.CreateApp(ServiceHostContext.Standalone(args));
if (InlineIo.IsRequested(app.Configuration))
{
    // A process of the gateway's own, and no socket is open yet (they open when the app starts).
    InlineIo.EnableInlineSocketCompletions();
}

await app.RunAsync();

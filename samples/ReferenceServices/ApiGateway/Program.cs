using ApiGateway;
using ReferenceServices.ServiceDefaults.Hosting;

await GatewayApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

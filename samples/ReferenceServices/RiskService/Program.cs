using RiskService;
using ReferenceServices.ServiceDefaults.Hosting;

await RiskServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

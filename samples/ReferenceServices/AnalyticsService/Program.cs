using AnalyticsService;
using ReferenceServices.ServiceDefaults.Hosting;

await AnalyticsServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

using ReferenceServices.ServiceDefaults.Hosting;
using ReportingService;

await ReportingServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

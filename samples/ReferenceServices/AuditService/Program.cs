using AuditService;
using ReferenceServices.ServiceDefaults.Hosting;

await AuditServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

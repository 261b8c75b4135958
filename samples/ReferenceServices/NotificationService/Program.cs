using NotificationService;
using ReferenceServices.ServiceDefaults.Hosting;

await NotificationServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

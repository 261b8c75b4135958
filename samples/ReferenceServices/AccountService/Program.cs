using AccountService;
using ReferenceServices.ServiceDefaults.Hosting;

await AccountServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

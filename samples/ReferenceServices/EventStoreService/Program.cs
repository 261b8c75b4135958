using EventStoreService;
using ReferenceServices.ServiceDefaults.Hosting;

await EventStoreServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

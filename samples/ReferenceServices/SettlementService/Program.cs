using ReferenceServices.ServiceDefaults.Hosting;
using SettlementService;

await SettlementServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

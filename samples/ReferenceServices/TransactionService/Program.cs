using ReferenceServices.ServiceDefaults.Hosting;
using TransactionService;

await TransactionServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

using CurrencyService;
using ReferenceServices.ServiceDefaults.Hosting;

await CurrencyServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

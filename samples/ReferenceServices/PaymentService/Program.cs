using PaymentService;
using ReferenceServices.ServiceDefaults.Hosting;

await PaymentServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

using ReferenceServices.ServiceDefaults.Hosting;
using UserService;

await UserServiceApp.CreateApp(ServiceHostContext.Standalone(args)).RunAsync();

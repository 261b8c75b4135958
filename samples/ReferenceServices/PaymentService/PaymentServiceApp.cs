using PaymentService.Apis;
using PaymentService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace PaymentService;

/// <summary>Builds the payment service (3004): payment intents captured into accounts through an <c>IPaymentProvider</c>.</summary>
public static class PaymentServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Payment, context);
        builder.AddPaymentService();
        WebApplication app = builder.Build();
        _ = app.Services.GetRequiredService<PaymentStore>(); // schema at start, not on the first request
        app.MapDefaultEndpoints();
        app.MapPaymentsApi();
        return app;
    }
}

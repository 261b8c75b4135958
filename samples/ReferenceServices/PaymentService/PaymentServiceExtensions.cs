using PaymentService.Application;
using PaymentService.Infrastructure;
using PaymentService.Providers;
using ReferenceServices.ServiceDefaults.Hosting;

namespace PaymentService;

public static class PaymentServiceExtensions
{
    /// <summary>SQLite intent store (<c>payments.db</c>), the simulated provider (<c>Payment:Simulator:FailureRate</c>,
    /// 0–1, default 0: share of captures declined at random) and the intent workflow.</summary>
    public static WebApplicationBuilder AddPaymentService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration config = builder.Configuration;
        string connectionString = config["Payment:ConnectionString"] ?? ServiceEndpoints.SqliteConnectionString(config, "payments.db");
        double failureRate = config.GetValue("Payment:Simulator:FailureRate", 0d);
        if (failureRate is < 0 or > 1)
        {
            throw new InvalidOperationException("Payment:Simulator:FailureRate must be between 0 and 1.");
        }

        builder.Services.AddSingleton(sp => new PaymentStore(connectionString));
        builder.Services.AddSingleton<IPaymentProvider>(new SimulatedPaymentProvider(failureRate));
        builder.Services.AddSingleton<PaymentWorkflow>();
        return builder;
    }
}

using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;

namespace ReferenceServices.AppHost;

/// <summary>Starts every service of the system in this process, one <see cref="WebApplication"/> each on its own
/// port, sharing the in-process message broker. Services can be stopped and started again (used by the tests).</summary>
public sealed class ReferenceSystem : IAsyncDisposable
{
    private static readonly Dictionary<string, Func<ServiceHostContext, WebApplication>> s_factories = new(StringComparer.Ordinal)
    {
        [ServiceNames.Account] = AccountService.AccountServiceApp.CreateApp,
        [ServiceNames.Risk] = RiskService.RiskServiceApp.CreateApp,
        [ServiceNames.Currency] = CurrencyService.CurrencyServiceApp.CreateApp,
        [ServiceNames.Transaction] = TransactionService.TransactionServiceApp.CreateApp,
        [ServiceNames.User] = UserService.UserServiceApp.CreateApp,
        [ServiceNames.Payment] = PaymentService.PaymentServiceApp.CreateApp,
        [ServiceNames.Notification] = NotificationService.NotificationServiceApp.CreateApp,
        [ServiceNames.Audit] = AuditService.AuditServiceApp.CreateApp,
        [ServiceNames.Analytics] = AnalyticsService.AnalyticsServiceApp.CreateApp,
        [ServiceNames.Settlement] = SettlementService.SettlementServiceApp.CreateApp,
        [ServiceNames.Reporting] = ReportingService.ReportingServiceApp.CreateApp,
        [ServiceNames.EventStore] = EventStoreService.EventStoreServiceApp.CreateApp,
        [ServiceNames.Gateway] = ApiGateway.GatewayApp.CreateApp,
    };

    private readonly Dictionary<string, WebApplication> _running = new(StringComparer.Ordinal);
    private readonly SharedBackends _shared = new();
    private readonly ServiceHostContext _context;

    private ReferenceSystem(string[] args, IReadOnlyDictionary<string, string?> settings)
    {
        _context = new ServiceHostContext(args, settings, _shared);
    }

    public static IReadOnlyCollection<string> Services => s_factories.Keys;

    public ServiceHostContext Context => _context;

    public static async Task<ReferenceSystem> StartAsync(string[] args, IReadOnlyDictionary<string, string?> settings)
    {
        ReferenceSystem system = new(args, settings);
        foreach (string name in s_factories.Keys)
        {
            await system.StartServiceAsync(name);
        }

        return system;
    }

    public WebApplication Get(string name) => _running[name];

    public async Task StartServiceAsync(string name)
    {
        WebApplication app = s_factories[name](_context);
        await app.StartAsync();
        _running[name] = app;
    }

    public async Task StopServiceAsync(string name)
    {
        if (_running.Remove(name, out WebApplication? app))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public void PrintWelcome(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Tx reference services are running (embedded mode: SQLite files, in-process messaging, per-IP limit on an embedded Garnet).");
        foreach ((string name, WebApplication app) in _running.OrderBy(r => ServiceNames.DefaultPorts[r.Key]))
        {
            output.WriteLine($"  {name,-12} {string.Join(", ", app.Urls)}");
        }

        output.WriteLine($"  data folder  {ServiceEndpoints.DataDirectory(Get(ServiceNames.Gateway).Configuration)}");
        output.WriteLine();
        output.WriteLine("Try:  curl -s http://127.0.0.1:3000/health");
        output.WriteLine("      curl -s http://127.0.0.1:3000/api/account/accounts?userId=alice");
        output.WriteLine("      curl -s -X POST http://127.0.0.1:3000/api/transaction/transactions -H 'Content-Type: application/json' \\");
        output.WriteLine("           -d '{\"userId\":\"alice\",\"type\":\"transfer\",\"amount\":25.00,\"fromAccount\":\"acc-alice-usd\",\"toAccount\":\"acc-bob-usd\",\"currency\":\"USD\"}'");
        output.WriteLine("Press Ctrl+C to stop.");
    }

    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (string name in _running.Keys.ToArray())
        {
            await StopServiceAsync(name);
        }

        await _shared.DisposeAsync();
    }
}

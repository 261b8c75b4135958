namespace ReferenceServices.Contracts;

/// <summary>The services of the system, their gateway route names and default ports (the guide's 3000–3012).</summary>
public static class ServiceNames
{
    public const string Gateway = "gateway";
    public const string User = "user";
    public const string Account = "account";
    public const string Transaction = "transaction";
    public const string Payment = "payment";
    public const string Notification = "notification";
    public const string Audit = "audit";
    public const string Analytics = "analytics";
    public const string Risk = "risk";
    public const string Currency = "currency";
    public const string Settlement = "settlement";
    public const string Reporting = "reporting";
    public const string EventStore = "eventstore";

    public static IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [Gateway] = 3000,
        [User] = 3001,
        [Account] = 3002,
        [Transaction] = 3003,
        [Payment] = 3004,
        [Notification] = 3005,
        [Audit] = 3006,
        [Analytics] = 3007,
        [Risk] = 3008,
        [Currency] = 3009,
        [Settlement] = 3010,
        [Reporting] = 3011,
        [EventStore] = 3012,
    };
}

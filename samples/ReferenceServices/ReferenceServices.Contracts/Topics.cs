namespace ReferenceServices.Contracts;

/// <summary>The guide's topic names (the same strings as Tx.Messaging.TopicNames).</summary>
public static class Topics
{
    public const string TransactionEvents = "transaction-events";
    public const string NotificationEvents = "notification-events";
    public const string AuditEvents = "audit-events";
    public const string DomainEvents = "domain-events";

    public static IReadOnlyList<string> All { get; } = [TransactionEvents, NotificationEvents, AuditEvents, DomainEvents];
}

namespace Tx.Messaging;

/// <summary>The topics of the system and the dead-letter naming rule (<c>&lt;topic&gt;-dlq</c>).</summary>
public static class TopicNames
{
    /// <summary>All business events, keyed by aggregate id.</summary>
    public const string DomainEvents = "domain-events";

    /// <summary>Failed database writes queued for retry, keyed by write id.</summary>
    public const string FailedWrites = "failed-writes";

    /// <summary>Compensation requests, keyed by aggregate id.</summary>
    public const string CompensationEvents = "compensation-events";

    /// <summary>Transaction events, keyed by transaction id.</summary>
    public const string TransactionEvents = "transaction-events";

    /// <summary>Notification requests, keyed by user id.</summary>
    public const string NotificationEvents = "notification-events";

    /// <summary>Audit trail, keyed by user id.</summary>
    public const string AuditEvents = "audit-events";

    /// <summary>The suffix that turns a topic name into its dead-letter topic name.</summary>
    public const string DeadLetterSuffix = "-dlq";

    /// <summary>Gets the dead-letter topic of <paramref name="topic"/>: <c>&lt;topic&gt;-dlq</c>.</summary>
    /// <param name="topic">The source topic.</param>
    /// <returns>The dead-letter topic name.</returns>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is null or empty.</exception>
    public static string DeadLetter(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return topic + DeadLetterSuffix;
    }
}

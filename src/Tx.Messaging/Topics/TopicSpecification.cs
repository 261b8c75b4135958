namespace Tx.Messaging.Topics;

/// <summary>A topic to create: partitions, replication and configuration.</summary>
public sealed class TopicSpecification
{
    /// <summary>The <c>cleanup.policy</c> that deletes old segments (Kafka's default).</summary>
    public const string CleanupPolicyDelete = "delete";

    /// <summary>The <c>cleanup.policy</c> that keeps the latest message per key.</summary>
    public const string CleanupPolicyCompact = "compact";

    /// <summary>Initializes a topic specification.</summary>
    /// <param name="name">The topic name.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public TopicSpecification(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>Gets the topic name.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the number of partitions.</summary>
    /// <value>The default value is 3 (the guide's <c>domain-events</c>).</value>
    public int Partitions { get; set; } = 3;

    /// <summary>Gets or sets the replication factor (ignored by the in-process transport).</summary>
    /// <value>The default value is 1.</value>
    public short ReplicationFactor { get; set; } = 1;

    /// <summary>Gets or sets how long messages are kept (<c>retention.ms</c>); <see langword="null"/> keeps the broker's default.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? Retention { get; set; }

    /// <summary>Gets or sets <c>cleanup.policy</c> (<see cref="CleanupPolicyDelete"/> or <see cref="CleanupPolicyCompact"/>); <see langword="null"/> keeps the broker's default.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? CleanupPolicy { get; set; }

    /// <summary>Gets further topic configuration entries (Kafka names, such as <c>min.insync.replicas</c>).</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> Configs { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets every configuration entry, with <see cref="Retention"/> and <see cref="CleanupPolicy"/> mapped to their Kafka names.</summary>
    /// <returns>The configuration entries.</returns>
    public IReadOnlyDictionary<string, string> ToConfigEntries()
    {
        var entries = new Dictionary<string, string>(Configs, StringComparer.Ordinal);
        if (Retention is { } retention)
        {
            entries["retention.ms"] = ((long)retention.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (CleanupPolicy is { } policy)
        {
            entries["cleanup.policy"] = policy;
        }

        return entries;
    }
}

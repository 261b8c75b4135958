namespace Tx.Messaging.Topics;

/// <summary>Creates and inspects topics and moves consumer groups' offsets (replay).</summary>
public interface ITopicAdministrator
{
    /// <summary>Creates topics. A topic that already exists is left as it is and is not an error.</summary>
    /// <param name="topics">The topics.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the topics exist.</returns>
    Task CreateTopicsAsync(IEnumerable<TopicSpecification> topics, CancellationToken cancellationToken = default);

    /// <summary>Gets the number of partitions of a topic.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The partition count, or <see langword="null"/> when the topic does not exist.</returns>
    Task<int?> GetPartitionCountAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a consumer group's committed offset on one partition, so the group replays (or skips) from
    /// there. On Kafka the group must have no running members.
    /// </summary>
    /// <param name="groupId">The consumer group.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="offset">The offset of the next message the group will receive.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the offset is committed.</returns>
    Task ResetOffsetAsync(string groupId, string topic, int partition, long offset, CancellationToken cancellationToken = default);
}

using Tx.Messaging.Topics;

namespace Tx.Messaging.InProcess;

internal sealed class InProcessTopicAdministrator(InProcessBroker broker) : ITopicAdministrator
{
    public Task CreateTopicsAsync(IEnumerable<TopicSpecification> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (TopicSpecification topic in topics)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topic.Partitions);
            broker.GetOrCreateTopic(topic.Name, topic.Partitions);
        }

        return Task.CompletedTask;
    }

    public Task<int?> GetPartitionCountAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return Task.FromResult(broker.FindTopic(topic)?.Partitions.Length);
    }

    public Task ResetOffsetAsync(string groupId, string topic, int partition, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        broker.GetOrCreateGroup(groupId).ResetOffset(topic, partition, offset);
        return Task.CompletedTask;
    }
}

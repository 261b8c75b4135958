using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.Messaging.Topics;

namespace Tx.Messaging.Kafka;

/// <summary>Topic administration through the Kafka admin API.</summary>
internal sealed class KafkaTopicAdministrator : ITopicAdministrator, IDisposable
{
    private readonly Lazy<IAdminClient> _client;
    private readonly KafkaOptions _options;

    public KafkaTopicAdministrator(IOptions<KafkaOptions> options, ILogger<KafkaTopicAdministrator> logger)
    {
        _options = options.Value;
        _client = new Lazy<IAdminClient>(() => new AdminClientBuilder(KafkaClientConfigFactory.CreateAdminConfig(_options))
            .SetLogHandler((_, message) => KafkaLogging.OnLog(logger, message))
            .SetErrorHandler((_, error) => KafkaLogging.OnError(logger, error))
            .Build());
    }

    public async Task CreateTopicsAsync(IEnumerable<Topics.TopicSpecification> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        List<Confluent.Kafka.Admin.TopicSpecification> specifications = [.. topics.Select(ToKafka)];
        if (specifications.Count == 0)
        {
            return;
        }

        try
        {
            await _client.Value.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = _options.AdminRequestTimeout, OperationTimeout = _options.AdminRequestTimeout })
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Creating a topic that exists is not an error.
        }
    }

    public async Task<int?> GetPartitionCountAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        try
        {
            DescribeTopicsResult result = await _client.Value.DescribeTopicsAsync(TopicCollection.OfTopicNames([topic]), new DescribeTopicsOptions { RequestTimeout = _options.AdminRequestTimeout })
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
            return result.TopicDescriptions.FirstOrDefault(d => d.Name == topic)?.Partitions.Count;
        }
        catch (DescribeTopicsException ex) when (ex.Results.TopicDescriptions.Any(d => d.Error.Code == ErrorCode.UnknownTopicOrPart))
        {
            return null;
        }
    }

    public Task ResetOffsetAsync(string groupId, string topic, int partition, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ConsumerGroupTopicPartitionOffsets offsets = new(groupId, [new TopicPartitionOffset(topic, partition, offset)]);
        return _client.Value.AlterConsumerGroupOffsetsAsync([offsets], new AlterConsumerGroupOffsetsOptions { RequestTimeout = _options.AdminRequestTimeout })
            .WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    private static Confluent.Kafka.Admin.TopicSpecification ToKafka(Topics.TopicSpecification topic) => new()
    {
        Name = topic.Name,
        NumPartitions = topic.Partitions,
        ReplicationFactor = topic.ReplicationFactor,
        Configs = topic.ToConfigEntries().ToDictionary(StringComparer.Ordinal),
    };
}

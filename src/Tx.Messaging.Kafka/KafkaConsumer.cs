using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Tx.Messaging.Consuming;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Kafka;

/// <summary>
/// A Kafka consumer group member: cooperative-sticky assignment, offsets stored manually after the
/// handler succeeded or the message was dead-lettered, committed periodically, on revoke and on close.
/// </summary>
/// <remarks>
/// Rebalance callbacks run inside <see cref="IConsumer{TKey, TValue}.Consume(CancellationToken)"/>, which the
/// hosted loop calls only between two messages: when partitions are revoked, no message of theirs is in
/// flight, so committing the stored offsets then loses nothing and re-delivers nothing that was finished.
/// </remarks>
internal sealed class KafkaConsumer : IMessageConsumer
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly ILogger _logger;
    private readonly string _group;
    private int _disposed;

    public KafkaConsumer(KafkaOptions options, ConsumerSubscription subscription, ILogger logger)
    {
        _logger = logger;
        _group = subscription.GroupId;
        _consumer = new ConsumerBuilder<string?, byte[]>(KafkaClientConfigFactory.CreateConsumerConfig(options, subscription))
            .SetKeyDeserializer(Deserializers.Utf8)
            .SetValueDeserializer(Deserializers.ByteArray)
            .SetLogHandler((_, message) => KafkaLogging.OnLog(_logger, message))
            .SetErrorHandler((_, error) => KafkaLogging.OnError(_logger, error))
            .SetPartitionsAssignedHandler((_, partitions) => Log.PartitionsAssigned(_logger, _group, string.Join(", ", partitions)))
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler((_, partitions) => Log.PartitionsLost(_logger, _group, string.Join(", ", partitions)))
            .Build();
        _consumer.Subscribe(subscription.Topics);
    }

    public ValueTask<ConsumedMessage> ConsumeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Blocks this thread until a message arrives; the hosted service runs on its own task.
            ConsumeResult<string?, byte[]>? result = _consumer.Consume(cancellationToken);
            if (result?.Message is null || result.IsPartitionEOF)
            {
                continue;
            }

            return new ValueTask<ConsumedMessage>(new ConsumedMessage(
                result.Topic,
                result.Partition.Value,
                result.Offset.Value,
                result.Message.Key,
                result.Message.Value ?? [],
                KafkaHeaders.FromKafka(result.Message.Headers),
                result.Message.Timestamp.UtcDateTime));
        }
    }

    public void StoreOffset(ConsumedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            _consumer.StoreOffset(new TopicPartitionOffset(message.Topic, message.Partition, message.Offset + 1));
        }
        catch (KafkaException ex)
        {
            // The partition was revoked meanwhile: its new owner receives the message again (at least once).
            Log.StoreOffsetFailed(_logger, message.Topic, message.Partition, message.Offset, _group, ex.Error.Reason);
        }
    }

    public IReadOnlyList<ConsumerLag> GetLag()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return [];
        }

        var lags = new List<ConsumerLag>();
        foreach (TopicPartition partition in _consumer.Assignment)
        {
            WatermarkOffsets watermarks = _consumer.GetWatermarkOffsets(partition);
            Offset position = _consumer.Position(partition);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                lags.Add(new ConsumerLag(partition.Topic, partition.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value)));
            }
        }

        return lags;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // Leaves the group and commits the stored offsets (enable.auto.commit).
            _consumer.Close();
        }
        catch (KafkaException ex)
        {
            Log.CommitFailed(_logger, _group, ex.Error.Reason);
        }
        finally
        {
            _consumer.Dispose();
        }
    }

    private void OnRevoked(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        try
        {
            consumer.Commit();
            Log.PartitionsRevoked(_logger, _group, string.Join(", ", partitions.Select(p => p.TopicPartition)));
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was stored since the last commit.
        }
        catch (KafkaException ex)
        {
            Log.CommitFailed(_logger, _group, ex.Error.Reason);
        }
    }
}

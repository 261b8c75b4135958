using Confluent.Kafka;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Kafka;

/// <summary>Maps <see cref="KafkaOptions"/> to librdkafka configurations.</summary>
internal static class KafkaClientConfigFactory
{
    public static ProducerConfig CreateProducerConfig(KafkaOptions options)
    {
        return new ProducerConfig(Common(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = Milliseconds(options.MessageTimeout),
            LingerMs = options.Linger.TotalMilliseconds,
            QueueBufferingMaxMessages = options.QueueBufferingMaxMessages,

            // librdkafka's murmur2_random is the Java client's partitioner for keyed messages (random for
            // null keys). librdkafka applies it with the live partition count from the broker's metadata;
            // computing the partition here would need our own metadata cache that can go stale.
            Partitioner = Partitioner.Murmur2Random,

            // Only the status and timestamp are read back from delivery reports.
            DeliveryReportFields = "status,timestamp",
        };
    }

    public static ConsumerConfig CreateConsumerConfig(KafkaOptions options, ConsumerSubscription subscription)
    {
        return new ConsumerConfig(Common(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            GroupId = subscription.GroupId,
            AutoOffsetReset = subscription.AutoOffsetReset == Consuming.AutoOffsetReset.Latest ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,

            // Offsets are stored by the transport only after the handler succeeded or the message was
            // dead-lettered; librdkafka commits what was stored (periodically, on revoke, on close).
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = Milliseconds(options.AutoCommitInterval),
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = Milliseconds(options.SessionTimeout),
            MaxPollIntervalMs = Milliseconds(options.MaxPollInterval),
            EnablePartitionEof = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
    }

    public static AdminClientConfig CreateAdminConfig(KafkaOptions options)
    {
        return new AdminClientConfig(Common(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
        };
    }

    private static Dictionary<string, string> Common(KafkaOptions options) => new(options.ClientSettings, StringComparer.Ordinal);

    private static int Milliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 0, int.MaxValue);
}

using Confluent.Kafka;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Kafka.Tests;

public class KafkaClientConfigFactoryTests
{
    private static KafkaOptions Options() => new()
    {
        BootstrapServers = "broker-1:9092,broker-2:9092",
        ClientId = "payments",
        MessageTimeout = TimeSpan.FromSeconds(7),
        Linger = TimeSpan.FromMilliseconds(12),
        QueueBufferingMaxMessages = 4321,
        SessionTimeout = TimeSpan.FromSeconds(11),
        MaxPollInterval = TimeSpan.FromMinutes(3),
        AutoCommitInterval = TimeSpan.FromMilliseconds(750),
    };

    [Fact]
    public void CreateProducerConfig_Options_MapsToIdempotentMurmur2Producer()
    {
        // Act
        ProducerConfig config = KafkaClientConfigFactory.CreateProducerConfig(Options());

        // Assert
        Assert.Equal("broker-1:9092,broker-2:9092", config.BootstrapServers);
        Assert.Equal("payments", config.ClientId);
        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(7000, config.MessageTimeoutMs);
        Assert.Equal(12, config.LingerMs);
        Assert.Equal(4321, config.QueueBufferingMaxMessages);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal("murmur2_random", config.Get("partitioner"));
    }

    [Fact]
    public void CreateConsumerConfig_Options_MapsToManualOffsetStoreCooperativeSticky()
    {
        // Act
        ConsumerConfig config = KafkaClientConfigFactory.CreateConsumerConfig(Options(), new ConsumerSubscription("analytics", ["domain-events"], Consuming.AutoOffsetReset.Earliest));

        // Assert
        Assert.Equal("analytics", config.GroupId);
        Assert.Equal("broker-1:9092,broker-2:9092", config.BootstrapServers);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.True(config.EnableAutoCommit);
        Assert.Equal(750, config.AutoCommitIntervalMs);
        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, config.PartitionAssignmentStrategy);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(11_000, config.SessionTimeoutMs);
        Assert.Equal(180_000, config.MaxPollIntervalMs);
    }

    [Fact]
    public void CreateConsumerConfig_LatestReset_MapsToLatest()
    {
        ConsumerConfig config = KafkaClientConfigFactory.CreateConsumerConfig(Options(), new ConsumerSubscription("g", ["t"], Consuming.AutoOffsetReset.Latest));

        Assert.Equal(AutoOffsetReset.Latest, config.AutoOffsetReset);
    }

    [Fact]
    public void CreateProducerConfig_ClientSettingsTryToWeakenGuarantees_GuaranteesWin()
    {
        // Arrange
        KafkaOptions options = Options();
        options.ClientSettings["acks"] = "1";
        options.ClientSettings["enable.idempotence"] = "false";
        options.ClientSettings["partitioner"] = "consistent_random";
        options.ClientSettings["security.protocol"] = "SASL_SSL";

        // Act
        ProducerConfig config = KafkaClientConfigFactory.CreateProducerConfig(options);

        // Assert
        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal("SASL_SSL", config.Get("security.protocol"));
    }

    [Fact]
    public void CreateConsumerConfig_ClientSettingsTryToAutoStoreOffsets_ManualStoreWins()
    {
        KafkaOptions options = Options();
        options.ClientSettings["enable.auto.offset.store"] = "true";

        ConsumerConfig config = KafkaClientConfigFactory.CreateConsumerConfig(options, new ConsumerSubscription("g", ["t"], Consuming.AutoOffsetReset.Earliest));

        Assert.False(config.EnableAutoOffsetStore);
    }

    [Fact]
    public void CreateAdminConfig_Options_MapsBootstrapAndClientId()
    {
        AdminClientConfig config = KafkaClientConfigFactory.CreateAdminConfig(Options());

        Assert.Equal("broker-1:9092,broker-2:9092", config.BootstrapServers);
        Assert.Equal("payments", config.ClientId);
    }
}

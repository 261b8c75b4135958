using Microsoft.Extensions.DependencyInjection;
using Tx.Messaging.Producing;
using Tx.Messaging.Topics;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Kafka.Tests;

public class KafkaMessagingBuilderExtensionsTests
{
    [Fact]
    public void UseKafka_AfterInProcessDefault_ReplacesTransport()
    {
        // Arrange
        var services = new ServiceCollection();
        services.AddLogging();

        // Act
        services.AddTxMessaging().UseKafka("127.0.0.1:1");
        services.AddTxMessaging();
        using ServiceProvider provider = services.BuildServiceProvider();

        // Assert
        Assert.IsType<KafkaProducer>(provider.GetRequiredService<IMessageProducer>());
        Assert.IsType<KafkaConsumerFactory>(provider.GetRequiredService<IMessageConsumerFactory>());
        Assert.IsType<KafkaTopicAdministrator>(provider.GetRequiredService<ITopicAdministrator>());
        Assert.Single(services, d => d.ServiceType == typeof(IMessageProducer));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tx.Messaging.Kafka;
using Tx.Messaging.Producing;
using Tx.Messaging.Topics;
using Tx.Messaging.Transport;

namespace Tx.Messaging;

/// <summary>Switches Tx.Messaging to the Kafka transport.</summary>
public static class KafkaMessagingBuilderExtensions
{
    /// <summary>
    /// Uses Kafka for <see cref="IMessageProducer"/>, hosted consumers and <see cref="ITopicAdministrator"/>,
    /// replacing the in-process transport. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The messaging builder.</param>
    /// <param name="configure">Configures the options; <see cref="KafkaOptions.BootstrapServers"/> is required.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static ITxMessagingBuilder UseKafka(this ITxMessagingBuilder builder, Action<KafkaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        IServiceCollection services = builder.Services;
        services.AddOptionsWithValidateOnStart<KafkaOptions, KafkaOptionsValidator>().Configure(configure);
        services.TryAddSingleton<KafkaProducer>();
        services.TryAddSingleton<KafkaConsumerFactory>();
        services.TryAddSingleton<KafkaTopicAdministrator>();
        services.RemoveAll<IMessageProducer>();
        services.RemoveAll<IMessageConsumerFactory>();
        services.RemoveAll<ITopicAdministrator>();
        services.AddSingleton<IMessageProducer>(sp => sp.GetRequiredService<KafkaProducer>());
        services.AddSingleton<IMessageConsumerFactory>(sp => sp.GetRequiredService<KafkaConsumerFactory>());
        services.AddSingleton<ITopicAdministrator>(sp => sp.GetRequiredService<KafkaTopicAdministrator>());
        return builder;
    }

    /// <summary>Uses Kafka at <paramref name="bootstrapServers"/> with default options.</summary>
    /// <param name="builder">The messaging builder.</param>
    /// <param name="bootstrapServers">The bootstrap servers, for example <c>localhost:9092</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="bootstrapServers"/> is null or empty.</exception>
    public static ITxMessagingBuilder UseKafka(this ITxMessagingBuilder builder, string bootstrapServers)
    {
        ArgumentException.ThrowIfNullOrEmpty(bootstrapServers);
        return builder.UseKafka(options => options.BootstrapServers = bootstrapServers);
    }
}

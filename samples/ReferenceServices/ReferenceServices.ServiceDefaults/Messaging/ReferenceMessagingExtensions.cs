using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferenceServices.ServiceDefaults.Hosting;
using Tx.Messaging;
using Tx.Messaging.Producing;
using Tx.Messaging.Topics;
using Tx.Messaging.Transport;

namespace ReferenceServices.ServiceDefaults.Messaging;

/// <summary>Messaging backend switch: Kafka when <c>Messaging:Kafka:BootstrapServers</c> is set; otherwise the in-process
/// transport, shared by all services of the process through <see cref="SharedBackends"/>.</summary>
public static class ReferenceMessagingExtensions
{
    public static IHostApplicationBuilder AddReferenceMessaging(this IHostApplicationBuilder builder, SharedBackends? shared)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string? kafka = builder.Configuration["Messaging:Kafka:BootstrapServers"];
        if (!string.IsNullOrWhiteSpace(kafka))
        {
            builder.Services.AddTxMessaging().UseKafka(kafka);
            return builder;
        }

        if (shared is not null)
        {
            // Registered before AddTxMessaging, whose TryAdd keeps them: every service talks to the one broker.
            IServiceProvider hub = shared.MessagingHub;
            builder.Services.AddSingleton(_ => hub.GetRequiredService<IMessageProducer>());
            builder.Services.AddSingleton(_ => hub.GetRequiredService<IMessageConsumerFactory>());
            builder.Services.AddSingleton(_ => hub.GetRequiredService<ITopicAdministrator>());
        }

        builder.Services.AddTxMessaging();
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.Messaging;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Topics;
using Tx.Messaging.Transport;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tx.Messaging producers, hosted consumer groups and the transport.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IMessageProducer"/>, <see cref="ITopicAdministrator"/>, metrics and the in-process
    /// transport (unless a transport such as Kafka is already registered). Calling it again is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to choose or configure the transport.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ITxMessagingBuilder AddTxMessaging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MessagingMetrics>();
        services.AddOptionsWithValidateOnStart<InProcessOptions, InProcessOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsumerOptions>, ConsumerOptionsValidator>());
        services.TryAddSingleton<InProcessBroker>();
        services.TryAddSingleton<IMessageProducer, InProcessProducer>();
        services.TryAddSingleton<IMessageConsumerFactory, InProcessConsumerFactory>();
        services.TryAddSingleton<ITopicAdministrator, InProcessTopicAdministrator>();
        return new TxMessagingBuilder(services);
    }

    /// <summary>
    /// Hosts a consumer group member as a background service: <typeparamref name="THandler"/>
    /// (an <see cref="IMessageHandler"/> or <see cref="IMessageHandler{T}"/>, resolved from a new scope per
    /// message) receives every message of <paramref name="topics"/> for group <paramref name="groupId"/>,
    /// in order per partition; failures are retried with backoff, then dead-lettered to <c>&lt;topic&gt;-dlq</c>.
    /// </summary>
    /// <typeparam name="THandler">The handler type; registered as scoped unless already registered.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="topics">The topics to consume.</param>
    /// <param name="groupId">The consumer group.</param>
    /// <param name="configure">Configures retries, time budget and deserialization.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="topics"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty, or <typeparamref name="THandler"/> implements no handler interface.</exception>
    public static IServiceCollection AddTxConsumer<THandler>(
        this IServiceCollection services,
        IEnumerable<string> topics,
        string groupId,
        Action<ConsumerOptions>? configure = null)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        string[] topicList = [.. topics];
        Func<IServiceProvider, ConsumerOptions, MessageHandlerInvoker> createInvoker = CreateInvokerFactory(typeof(THandler));

        services.AddTxMessaging();
        string name = $"{groupId}|{typeof(THandler).FullName}|{string.Join(',', topicList)}";
        services.AddOptions<ConsumerOptions>(name)
            .Configure(options =>
            {
                options.GroupId = groupId;
                foreach (string topic in topicList)
                {
                    options.Topics.Add(topic);
                }

                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddScoped<THandler>();
        services.AddSingleton<IHostedService>(sp =>
        {
            ConsumerOptions options = sp.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(name);
            return new ConsumerHostedService(
                options,
                createInvoker(sp, options),
                sp.GetRequiredService<IMessageConsumerFactory>(),
                sp.GetRequiredService<IMessageProducer>(),
                sp.GetRequiredService<ITopicAdministrator>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<MessagingMetrics>(),
                sp.GetRequiredService<ILogger<ConsumerHostedService>>());
        });
        return services;
    }

    private static Func<IServiceProvider, ConsumerOptions, MessageHandlerInvoker> CreateInvokerFactory(Type handlerType)
    {
        if (typeof(IMessageHandler).IsAssignableFrom(handlerType))
        {
            Type invokerType = typeof(ScopedMessageHandlerInvoker<>).MakeGenericType(handlerType);
            return (sp, _) => (MessageHandlerInvoker)Activator.CreateInstance(invokerType, sp.GetRequiredService<IServiceScopeFactory>())!;
        }

        Type? typed = handlerType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMessageHandler<>));
        if (typed is null)
        {
            throw new ArgumentException($"{handlerType.FullName} implements neither {nameof(IMessageHandler)} nor {nameof(IMessageHandler)}<T>.", nameof(handlerType));
        }

        Type typedInvokerType = typeof(ScopedMessageHandlerInvoker<,>).MakeGenericType(handlerType, typed.GetGenericArguments()[0]);
        return (sp, options) => (MessageHandlerInvoker)Activator.CreateInstance(typedInvokerType, sp.GetRequiredService<IServiceScopeFactory>(), options.SerializerOptions)!;
    }
}

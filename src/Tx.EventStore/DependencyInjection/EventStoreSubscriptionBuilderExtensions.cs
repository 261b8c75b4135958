using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Subscriptions;
using Tx.EventStore.Telemetry;

namespace Tx.EventStore;

/// <summary>Adds catch-up subscriptions, outbox publishers and mirrors, each run by a hosted service.</summary>
public static class EventStoreSubscriptionBuilderExtensions
{
    /// <summary>Adds a catch-up subscription that hands the global log, from its stored checkpoint, to a handler.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The subscription name (its checkpoint key); unique per store.</param>
    /// <param name="handlerFactory">Creates the handler.</param>
    /// <param name="configure">Configures batch size, poll interval, retry delay and start position.</param>
    /// <returns>The builder.</returns>
    public static ITxEventStoreBuilder AddSubscription(this ITxEventStoreBuilder builder, string name, Func<IServiceProvider, IEventSubscriptionHandler> handlerFactory, Action<SubscriptionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handlerFactory);
        var options = builder.Services.AddOptions<SubscriptionOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubscriptionOptions>, SubscriptionOptionsValidator>());
        builder.Services.AddSingleton<IHostedService>(sp => new SubscriptionHostedService(CreateSubscription(sp, name, handlerFactory(sp))));
        return builder;
    }

    /// <summary>Adds a catch-up subscription whose handler is resolved from the container.</summary>
    /// <typeparam name="THandler">The handler type (registered as a singleton if not registered).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The subscription name.</param>
    /// <param name="configure">Configures the subscription.</param>
    /// <returns>The builder.</returns>
    public static ITxEventStoreBuilder AddSubscription<THandler>(this ITxEventStoreBuilder builder, string name, Action<SubscriptionOptions>? configure = null)
        where THandler : class, IEventSubscriptionHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<THandler>();
        return builder.AddSubscription(name, sp => sp.GetRequiredService<THandler>(), configure);
    }

    /// <summary>
    /// Adds an outbox publisher: every event of the log, in order, at least once, handed to
    /// <paramref name="publish"/> (for example a message producer keyed by stream id).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The subscription name.</param>
    /// <param name="publish">Publishes one event; throwing makes the batch be delivered again.</param>
    /// <param name="configure">Configures the subscription.</param>
    /// <returns>The builder.</returns>
    public static ITxEventStoreBuilder AddOutbox(this ITxEventStoreBuilder builder, string name, Func<RecordedEvent, CancellationToken, ValueTask> publish, Action<SubscriptionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(publish);
        return builder.AddSubscription(name, _ => new DelegateSubscriptionHandler(publish), configure);
    }

    /// <summary>
    /// Mirrors the log into a second store (another provider): same stream ids, versions and event ids, so the
    /// stores never disagree beyond the subscription's lag, and nothing is lost while the target is down.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The subscription name.</param>
    /// <param name="targetFactory">Creates the target provider.</param>
    /// <param name="configure">Configures the subscription.</param>
    /// <returns>The builder.</returns>
    public static ITxEventStoreBuilder AddMirror(this ITxEventStoreBuilder builder, string name, Func<IServiceProvider, IEventStoreProvider> targetFactory, Action<SubscriptionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(targetFactory);
        return builder.AddSubscription(
            name,
            sp => new MirrorSubscriptionHandler(new EventStore(
                targetFactory(sp),
                sp.GetRequiredService<IOptions<EventStoreOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<EventStoreMetrics>(),
                signal: null,
                sp.GetService<ILoggerFactory>()?.CreateLogger<EventStore>() ?? (ILogger)NullLogger.Instance)),
            configure);
    }

    private static CatchUpSubscription CreateSubscription(IServiceProvider sp, string name, IEventSubscriptionHandler handler) =>
        new(
            name,
            sp.GetRequiredService<IEventStore>().Provider,
            handler,
            sp.GetRequiredService<IOptionsMonitor<SubscriptionOptions>>().Get(name),
            sp.GetRequiredService<AppendSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<EventStoreMetrics>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Tx.EventStore.Subscriptions") ?? NullLogger.Instance);
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tx.EventStore;
using Tx.EventStore.Aggregates;
using Tx.EventStore.InMemory;
using Tx.EventStore.Providers;
using Tx.EventStore.Subscriptions;
using Tx.EventStore.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tx.EventStore in an <see cref="IServiceCollection"/>.</summary>
public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the event store: <see cref="IEventStore"/>, <see cref="AggregateRepository{T}"/>, metrics, a
    /// <see cref="TimeProvider"/> (unless one is registered) and the in-memory provider, which a provider package
    /// replaces (<c>.UseSqlite(cs)</c>, ...).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options (event types, sizes, snapshots, retention).</param>
    /// <returns>The builder that providers, subscriptions, outbox publishers and mirrors extend.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ITxEventStoreBuilder AddTxEventStore(this IServiceCollection services, Action<EventStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptionsWithValidateOnStart<EventStoreOptions, EventStoreOptionsValidator>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventStoreMetrics>();
        services.TryAddSingleton<AppendSignal>();
        services.TryAddSingleton<IEventStoreProvider>(_ => new InMemoryEventStoreProvider());
        services.TryAddSingleton<IEventStore, EventStore>();
        services.TryAddSingleton(typeof(AggregateRepository<>));
        return new TxEventStoreBuilder(services);
    }

    /// <summary>Adds the event store with options bound from configuration (for example the "EventStore" section).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section bound to <see cref="EventStoreOptions"/>.</param>
    /// <param name="configure">Further configuration (event types, predicates) applied after binding.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxEventStoreBuilder AddTxEventStore(this IServiceCollection services, IConfiguration configuration, Action<EventStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EventStoreOptions>().Bind(configuration);
        return services.AddTxEventStore(configure);
    }
}

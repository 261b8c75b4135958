using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tx.EventStore.InMemory;
using Tx.EventStore.Providers;

namespace Tx.EventStore;

/// <summary>Chooses the provider and registers event types on an <see cref="ITxEventStoreBuilder"/>.</summary>
public static class EventStoreBuilderExtensions
{
    /// <summary>
    /// Uses the given provider, replacing the current one. Provider packages call this from their
    /// <c>UseXxx</c> extension.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the provider (once, as a singleton).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxEventStoreBuilder UseProvider(this ITxEventStoreBuilder builder, Func<IServiceProvider, IEventStoreProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Uses the in-memory provider (the default): nothing survives the process.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITxEventStoreBuilder UseInMemory(this ITxEventStoreBuilder builder) =>
        builder.UseProvider(_ => new InMemoryEventStoreProvider());

    /// <summary>Registers an event type under a stable name (same as <c>options.Types.Add&lt;T&gt;(name)</c>).</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The stable type name.</param>
    /// <param name="schemaVersion">The current schema version.</param>
    /// <returns>The builder.</returns>
    public static ITxEventStoreBuilder AddEventType<T>(this ITxEventStoreBuilder builder, string name, int schemaVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.Configure<EventStoreOptions>(o => o.Types.Add<T>(name, schemaVersion));
        return builder;
    }
}

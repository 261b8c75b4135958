using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.Cqrs;
using Tx.Cqrs.Commands;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Tx.Cqrs command and query buses in an <see cref="IServiceCollection"/>.</summary>
public static class CqrsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICommandBus"/> and <see cref="IQueryBus"/> (singletons), the start-up check of handler
    /// registrations, <see cref="TimeProvider"/> (unless one is registered) and the "Tx.Cqrs" telemetry.
    /// Add handlers with <see cref="HandlerCqrsBuilderExtensions.AddHandlersFromAssembly"/> or by registering
    /// <see cref="ICommandHandler{TCommand, TResult}"/>/<see cref="IQueryHandler{TQuery, TResult}"/> yourself.
    /// Calling it again is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="TxCqrsOptions"/>; optional.</param>
    /// <returns>A builder to add handlers, middlewares, validators and audit sinks to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ITxCqrsBuilder AddTxCqrs(this IServiceCollection services, Action<TxCqrsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        CqrsRegistry.GetOrAdd(services);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CqrsMetrics>();
        services.TryAddSingleton<DispatchEnvironment>();
        services.TryAddSingleton<ICommandBus, CommandBus>();
        services.TryAddSingleton<IQueryBus, QueryBus>();
        services.AddOptionsWithValidateOnStart<TxCqrsOptions, TxCqrsOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TxCqrsOptions>, HandlerRegistrationValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new TxCqrsBuilder(services);
    }

    /// <summary>
    /// Adds the buses like <see cref="AddTxCqrs(IServiceCollection, Action{TxCqrsOptions}?)"/> and registers every
    /// handler, validator and message found in <paramref name="assemblies"/> (handlers scoped unless marked
    /// with <see cref="HandlerLifetimeAttribute"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="assemblies">The assemblies to scan.</param>
    /// <returns>A builder to add middlewares, validators and audit sinks to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="assemblies"/> is <see langword="null"/>.</exception>
    public static ITxCqrsBuilder AddTxCqrs(this IServiceCollection services, params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        ITxCqrsBuilder builder = services.AddTxCqrs(configure: null);
        foreach (Assembly assembly in assemblies)
        {
            builder.AddHandlersFromAssembly(assembly);
        }

        return builder;
    }
}

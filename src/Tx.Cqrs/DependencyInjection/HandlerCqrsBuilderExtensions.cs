using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Commands;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs;

/// <summary>Registers handlers and validators, by scanning assemblies or one by one.</summary>
public static class HandlerCqrsBuilderExtensions
{
    /// <summary>
    /// Registers every concrete class of <paramref name="assembly"/> that implements
    /// <see cref="ICommandHandler{TCommand, TResult}"/> or <see cref="IQueryHandler{TQuery, TResult}"/> (with
    /// <paramref name="lifetime"/>, or the one its <see cref="HandlerLifetimeAttribute"/> names) and every
    /// <see cref="IValidator{TMessage}"/> (singleton unless its attribute says otherwise). Every command and
    /// query type of the assembly is remembered: at start-up each must have exactly one handler.
    /// Scanning the same assembly twice registers nothing twice.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="assembly">The assembly to scan.</param>
    /// <param name="lifetime">The lifetime of handlers that carry no <see cref="HandlerLifetimeAttribute"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="assembly"/> is <see langword="null"/>.</exception>
    public static ITxCqrsBuilder AddHandlersFromAssembly(this ITxCqrsBuilder builder, Assembly assembly, ServiceLifetime lifetime = ServiceLifetime.Scoped)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        CqrsRegistry registry = CqrsRegistry.GetOrAdd(builder.Services);
        foreach (Type type in assembly.GetTypes())
        {
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition)
            {
                continue;
            }

            if (HandlerCatalog.DeclaredResults(type).Count > 0)
            {
                registry.ScannedMessageTypes.Add(type);
            }

            if (!type.IsClass)
            {
                continue;
            }

            ServiceLifetime? declared = type.GetCustomAttribute<HandlerLifetimeAttribute>()?.Lifetime;
            foreach (Type contract in type.GetInterfaces())
            {
                if (!contract.IsGenericType)
                {
                    continue;
                }

                Type definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(ICommandHandler<,>) || definition == typeof(IQueryHandler<,>))
                {
                    AddOnce(builder.Services, contract, type, declared ?? lifetime);
                }
                else if (definition == typeof(IValidator<>))
                {
                    AddOnce(builder.Services, contract, type, declared ?? ServiceLifetime.Singleton);
                }
            }
        }

        return builder;
    }

    /// <summary>Scans the assembly that defines <typeparamref name="T"/>; see <see cref="AddHandlersFromAssembly"/>.</summary>
    /// <typeparam name="T">A type of the assembly to scan.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="lifetime">The lifetime of handlers that carry no <see cref="HandlerLifetimeAttribute"/>.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder AddHandlersFromAssemblyContaining<T>(this ITxCqrsBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Scoped) =>
        builder.AddHandlersFromAssembly(typeof(T).Assembly, lifetime);

    /// <summary>Registers one command handler.</summary>
    /// <typeparam name="TCommand">The command type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="THandler">The handler class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="lifetime">The handler's lifetime.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder AddCommandHandler<TCommand, TResult, THandler>(this ITxCqrsBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TCommand : class, ICommand<TResult>
        where THandler : class, ICommandHandler<TCommand, TResult>
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOnce(builder.Services, typeof(ICommandHandler<TCommand, TResult>), typeof(THandler), lifetime);
        return builder;
    }

    /// <summary>Registers one query handler.</summary>
    /// <typeparam name="TQuery">The query type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="THandler">The handler class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="lifetime">The handler's lifetime.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder AddQueryHandler<TQuery, TResult, THandler>(this ITxCqrsBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TQuery : class, IQuery<TResult>
        where THandler : class, IQueryHandler<TQuery, TResult>
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOnce(builder.Services, typeof(IQueryHandler<TQuery, TResult>), typeof(THandler), lifetime);
        return builder;
    }

    private static void AddOnce(IServiceCollection services, Type serviceType, Type implementationType, ServiceLifetime lifetime)
    {
        foreach (ServiceDescriptor existing in services)
        {
            if (!existing.IsKeyedService && existing.ServiceType == serviceType && existing.ImplementationType == implementationType)
            {
                return;
            }
        }

        services.Add(new ServiceDescriptor(serviceType, implementationType, lifetime));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tx.Cqrs.Commands;

namespace Tx.Cqrs;

/// <summary>Subscribes to the "command executed" notification.</summary>
public static class CommandExecutedCqrsBuilderExtensions
{
    /// <summary>Registers <typeparamref name="TObserver"/> as a singleton <see cref="ICommandExecutedObserver"/>.</summary>
    /// <typeparam name="TObserver">The observer class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder AddCommandExecutedObserver<TObserver>(this ITxCqrsBuilder builder)
        where TObserver : class, ICommandExecutedObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandExecutedObserver, TObserver>());
        return builder;
    }
}

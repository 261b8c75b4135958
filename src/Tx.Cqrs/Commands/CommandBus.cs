using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Commands;

/// <summary>
/// The command bus: a table from command type to a dispatcher built once, when the bus is created.
/// </summary>
internal sealed class CommandBus : ICommandBus
{
    private readonly DispatcherTable _dispatchers;

    public CommandBus(DispatchEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _dispatchers = environment.CreateTable(environment.Catalog.Commands, typeof(CommandDispatcher<,>));
    }

    public ValueTask<TResult> ExecuteAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        object? dispatcher = _dispatchers.Find(command.GetType());
        if (dispatcher is null)
        {
            ThrowNoHandler(command.GetType());
        }

        // A command type implements exactly one ICommand<TResult> (checked at start-up), so the dispatcher
        // registered for it is a MessageDispatcher<TResult> for this very TResult.
        return Unsafe.As<MessageDispatcher<TResult>>(dispatcher).DispatchAsync(command, cancellationToken);
    }

    [DoesNotReturn]
    private static void ThrowNoHandler(Type commandType) =>
        throw new InvalidOperationException(
            $"No handler is registered for command '{commandType.FullName}'. Register an ICommandHandler<{commandType.Name}, TResult> " +
            "in an assembly given to AddTxCqrs, or add it to the service collection.");
}

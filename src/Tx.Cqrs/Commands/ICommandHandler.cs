namespace Tx.Cqrs.Commands;

/// <summary>Handles one command type. Exactly one handler may be registered per command type.</summary>
/// <typeparam name="TCommand">The command type.</typeparam>
/// <typeparam name="TResult">The result type the command declares.</typeparam>
public interface ICommandHandler<TCommand, TResult>
    where TCommand : class, ICommand<TResult>
{
    /// <summary>Handles <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The result of the command.</returns>
    ValueTask<TResult> HandleAsync(TCommand command, CancellationToken cancellationToken);
}

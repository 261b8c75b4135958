namespace Tx.Cqrs.Commands;

/// <summary>
/// A command: a request to change state, handled by exactly one
/// <see cref="ICommandHandler{TCommand, TResult}"/>. Implement it on a class or record; commands that
/// return nothing use <see cref="Unit"/> as <typeparamref name="TResult"/>.
/// </summary>
/// <typeparam name="TResult">The type of the result the handler returns.</typeparam>
#pragma warning disable CA1040 // A marker interface: the result type parameter is what the bus needs.
public interface ICommand<TResult>
#pragma warning restore CA1040
{
}

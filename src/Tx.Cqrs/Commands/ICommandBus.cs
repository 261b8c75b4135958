namespace Tx.Cqrs.Commands;

/// <summary>
/// Sends commands through the command middleware pipeline to their one handler. Registered as a
/// singleton by <c>AddTxCqrs</c>; safe to use from many threads at once.
/// </summary>
public interface ICommandBus
{
    /// <summary>
    /// Runs <paramref name="command"/> through the middleware pipeline and its handler. Exceptions
    /// thrown by middleware or the handler reach the caller unchanged.
    /// </summary>
    /// <typeparam name="TResult">The result type the command declares.</typeparam>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the operation; passed to every middleware and the handler.</param>
    /// <returns>The result of the handler (or of a middleware that short-circuited).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No handler is registered for the command's type.</exception>
    ValueTask<TResult> ExecuteAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default);
}

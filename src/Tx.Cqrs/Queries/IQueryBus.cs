namespace Tx.Cqrs.Queries;

/// <summary>
/// Sends queries through the query middleware pipeline to their one handler. Registered as a singleton
/// by <c>AddTxCqrs</c>; safe to use from many threads at once.
/// </summary>
public interface IQueryBus
{
    /// <summary>
    /// Runs <paramref name="query"/> through the middleware pipeline and its handler. Exceptions thrown
    /// by middleware or the handler reach the caller unchanged.
    /// </summary>
    /// <typeparam name="TResult">The result type the query declares.</typeparam>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the operation; passed to every middleware and the handler.</param>
    /// <returns>The answer of the handler (or of a middleware that short-circuited).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No handler is registered for the query's type.</exception>
    ValueTask<TResult> ExecuteAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default);
}

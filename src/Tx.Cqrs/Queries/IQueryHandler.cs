namespace Tx.Cqrs.Queries;

/// <summary>Answers one query type. Exactly one handler may be registered per query type.</summary>
/// <typeparam name="TQuery">The query type.</typeparam>
/// <typeparam name="TResult">The result type the query declares.</typeparam>
public interface IQueryHandler<TQuery, TResult>
    where TQuery : class, IQuery<TResult>
{
    /// <summary>Answers <paramref name="query"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The answer.</returns>
    ValueTask<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken);
}

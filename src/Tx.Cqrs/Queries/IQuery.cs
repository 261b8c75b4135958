namespace Tx.Cqrs.Queries;

/// <summary>
/// A query: a read that changes nothing, answered by exactly one
/// <see cref="IQueryHandler{TQuery, TResult}"/>. Implement it on a class or record.
/// </summary>
/// <typeparam name="TResult">The type of the answer.</typeparam>
#pragma warning disable CA1040 // A marker interface: the result type parameter is what the bus needs.
public interface IQuery<TResult>
#pragma warning restore CA1040
{
}

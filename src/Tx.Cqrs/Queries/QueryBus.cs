using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Queries;

/// <summary>
/// The query bus: a table from query type to a dispatcher built once, when the bus is created.
/// </summary>
internal sealed class QueryBus : IQueryBus
{
    private readonly DispatcherTable _dispatchers;

    public QueryBus(DispatchEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _dispatchers = environment.CreateTable(environment.Catalog.Queries, typeof(QueryDispatcher<,>));
    }

    public ValueTask<TResult> ExecuteAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        object? dispatcher = _dispatchers.Find(query.GetType());
        if (dispatcher is null)
        {
            ThrowNoHandler(query.GetType());
        }

        // A query type implements exactly one IQuery<TResult> (checked at start-up), so the dispatcher
        // registered for it is a MessageDispatcher<TResult> for this very TResult.
        return Unsafe.As<MessageDispatcher<TResult>>(dispatcher).DispatchAsync(query, cancellationToken);
    }

    [DoesNotReturn]
    private static void ThrowNoHandler(Type queryType) =>
        throw new InvalidOperationException(
            $"No handler is registered for query '{queryType.FullName}'. Register an IQueryHandler<{queryType.Name}, TResult> " +
            "in an assembly given to AddTxCqrs, or add it to the service collection.");
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Queries;

/// <summary>Dispatches one query type to its <see cref="IQueryHandler{TQuery, TResult}"/>.</summary>
internal sealed class QueryDispatcher<TQuery, TResult> : MessageDispatcher<TQuery, TResult>
    where TQuery : class, IQuery<TResult>
{
    private IQueryHandler<TQuery, TResult>? _singleton;

    public QueryDispatcher(DispatchEnvironment environment, MessageRegistration registration)
        : base(environment, registration, environment.Registry.QueryMiddlewares)
    {
    }

    public override ValueTask<TResult> DispatchAsync(object message, CancellationToken cancellationToken)
    {
        // The bus found this dispatcher by the message's exact runtime type, so the cast cannot fail.
        TQuery query = Unsafe.As<TQuery>(message);
        IQueryHandler<TQuery, TResult>? handler = _singleton;
        if (handler is not null && IsPlain && !cancellationToken.IsCancellationRequested && !IsTelemetryEnabled)
        {
            return handler.HandleAsync(query, cancellationToken);
        }

        return DispatchCoreAsync(query, cancellationToken);
    }

    protected override ValueTask<TResult> InvokeHandlerAsync(TQuery message, MessageContext context)
    {
        IQueryHandler<TQuery, TResult> handler = _singleton ?? Resolve(context.Services);
        return handler.HandleAsync(message, context.CancellationToken);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private IQueryHandler<TQuery, TResult> Resolve(IServiceProvider services)
    {
        if (HandlerFactory is { } factory)
        {
            return (IQueryHandler<TQuery, TResult>)factory(services, null);
        }

        IQueryHandler<TQuery, TResult> handler = services.GetRequiredService<IQueryHandler<TQuery, TResult>>();
        if (IsSingletonHandler)
        {
            _singleton = handler;
        }

        return handler;
    }
}

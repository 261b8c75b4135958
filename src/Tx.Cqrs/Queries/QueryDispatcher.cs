using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Queries;

/// <summary>Dispatches one query type to its <see cref="IQueryHandler{TQuery, TResult}"/>.</summary>
internal sealed class QueryDispatcher<TQuery, TResult> : MessageDispatcher<TQuery, TResult>
    where TQuery : class, IQuery<TResult>
{
    private readonly IQueryHandler<TQuery, TResult>? _singleton;

    public QueryDispatcher(DispatchEnvironment environment, MessageRegistration registration)
        : base(environment, registration, environment.Registry.QueryMiddlewares)
    {
        // Singletons are resolved when the bus is built: the dispatch never checks for them again, and a
        // handler that cannot be constructed fails at start-up rather than at its first message.
        if (IsSingletonHandler)
        {
            _singleton = environment.Root.GetRequiredService<IQueryHandler<TQuery, TResult>>();
        }

        BuildPipeline(_singleton is null ? InvokeHandlerAsync : InvokeSingletonAsync);
    }

    public override ValueTask<TResult> DispatchAsync(object message, CancellationToken cancellationToken)
    {
        // The bus found this dispatcher by the message's exact runtime type, so the cast cannot fail.
        TQuery query = Unsafe.As<TQuery>(message);
        if (IsDirect && !cancellationToken.IsCancellationRequested && !IsTelemetryEnabled)
        {
            return HasMiddleware ? InvokeMiddlewaresDirectAsync(query, cancellationToken) : _singleton!.HandleAsync(query, cancellationToken);
        }

        return DispatchCoreAsync(query, cancellationToken);
    }

    protected override ValueTask<TResult> InvokeHandlerAsync(TQuery message, MessageContext context)
    {
        IQueryHandler<TQuery, TResult> handler = _singleton ?? Resolve(context.Services);
        return handler.HandleAsync(message, context.CancellationToken);
    }

    private ValueTask<TResult> InvokeSingletonAsync(TQuery message, MessageContext context) =>
        _singleton!.HandleAsync(message, context.CancellationToken);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private IQueryHandler<TQuery, TResult> Resolve(IServiceProvider services) =>
        HandlerFactory is { } factory
            ? (IQueryHandler<TQuery, TResult>)factory(services, null)
            : services.GetRequiredService<IQueryHandler<TQuery, TResult>>();
}

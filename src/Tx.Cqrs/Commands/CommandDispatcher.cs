using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Commands;

/// <summary>Dispatches one command type to its <see cref="ICommandHandler{TCommand, TResult}"/>.</summary>
internal sealed class CommandDispatcher<TCommand, TResult> : MessageDispatcher<TCommand, TResult>
    where TCommand : class, ICommand<TResult>
{
    private readonly ICommandHandler<TCommand, TResult>? _singleton;

    public CommandDispatcher(DispatchEnvironment environment, MessageRegistration registration)
        : base(environment, registration, environment.Registry.CommandMiddlewares)
    {
        // Singletons are resolved when the bus is built: the dispatch never checks for them again, and a
        // handler that cannot be constructed fails at start-up rather than at its first message.
        if (IsSingletonHandler)
        {
            _singleton = environment.Root.GetRequiredService<ICommandHandler<TCommand, TResult>>();
        }

        BuildPipeline(_singleton is null ? InvokeHandlerAsync : InvokeSingletonAsync);
    }

    public override ValueTask<TResult> DispatchAsync(object message, CancellationToken cancellationToken)
    {
        // The bus found this dispatcher by the message's exact runtime type, so the cast cannot fail.
        TCommand command = Unsafe.As<TCommand>(message);
        if (IsDirect && !cancellationToken.IsCancellationRequested && !IsTelemetryEnabled)
        {
            return HasMiddleware ? InvokeMiddlewaresDirectAsync(command, cancellationToken) : _singleton!.HandleAsync(command, cancellationToken);
        }

        return DispatchCoreAsync(command, cancellationToken);
    }

    protected override ValueTask<TResult> InvokeHandlerAsync(TCommand message, MessageContext context)
    {
        ICommandHandler<TCommand, TResult> handler = _singleton ?? Resolve(context.Services);
        return handler.HandleAsync(message, context.CancellationToken);
    }

    private ValueTask<TResult> InvokeSingletonAsync(TCommand message, MessageContext context) =>
        _singleton!.HandleAsync(message, context.CancellationToken);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ICommandHandler<TCommand, TResult> Resolve(IServiceProvider services) =>
        HandlerFactory is { } factory
            ? (ICommandHandler<TCommand, TResult>)factory(services, null)
            : services.GetRequiredService<ICommandHandler<TCommand, TResult>>();
}

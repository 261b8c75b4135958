using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Commands;

/// <summary>Dispatches one command type to its <see cref="ICommandHandler{TCommand, TResult}"/>.</summary>
internal sealed class CommandDispatcher<TCommand, TResult> : MessageDispatcher<TCommand, TResult>
    where TCommand : class, ICommand<TResult>
{
    private ICommandHandler<TCommand, TResult>? _singleton;

    public CommandDispatcher(DispatchEnvironment environment, MessageRegistration registration)
        : base(environment, registration, environment.Registry.CommandMiddlewares)
    {
    }

    public override ValueTask<TResult> DispatchAsync(object message, CancellationToken cancellationToken)
    {
        // The bus found this dispatcher by the message's exact runtime type, so the cast cannot fail.
        TCommand command = Unsafe.As<TCommand>(message);
        ICommandHandler<TCommand, TResult>? handler = _singleton;
        if (handler is not null && IsPlain && !cancellationToken.IsCancellationRequested && !IsTelemetryEnabled)
        {
            return handler.HandleAsync(command, cancellationToken);
        }

        return DispatchCoreAsync(command, cancellationToken);
    }

    protected override ValueTask<TResult> InvokeHandlerAsync(TCommand message, MessageContext context)
    {
        ICommandHandler<TCommand, TResult> handler = _singleton ?? Resolve(context.Services);
        return handler.HandleAsync(message, context.CancellationToken);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ICommandHandler<TCommand, TResult> Resolve(IServiceProvider services)
    {
        if (HandlerFactory is { } factory)
        {
            return (ICommandHandler<TCommand, TResult>)factory(services, null);
        }

        ICommandHandler<TCommand, TResult> handler = services.GetRequiredService<ICommandHandler<TCommand, TResult>>();
        if (IsSingletonHandler)
        {
            _singleton = handler;
        }

        return handler;
    }
}

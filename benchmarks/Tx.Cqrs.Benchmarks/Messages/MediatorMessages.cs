using Mediator;

namespace Tx.Cqrs.Benchmarks.Messages;

public sealed record MediatorPing(int Id) : IRequest<Pong>;

public sealed class MediatorPingHandler : IRequestHandler<MediatorPing, Pong>
{
    public ValueTask<Pong> Handle(MediatorPing request, CancellationToken cancellationToken) => new(Pong.Instance);
}

public sealed class MediatorPassThroughBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        next(message, cancellationToken);
}

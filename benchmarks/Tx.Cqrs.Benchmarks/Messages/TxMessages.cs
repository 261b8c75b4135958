using Tx.Cqrs.Commands;
using Tx.Cqrs.Pipeline;
using Tx.Cqrs.Queries;

namespace Tx.Cqrs.Benchmarks.Messages;

public sealed record TxPing(int Id) : ICommand<Pong>;

public sealed class TxPingHandler : ICommandHandler<TxPing, Pong>
{
    public ValueTask<Pong> HandleAsync(TxPing command, CancellationToken cancellationToken) => new(Pong.Instance);
}

public sealed record TxGetPong(int Id) : IQuery<Pong>;

public sealed class TxGetPongHandler : IQueryHandler<TxGetPong, Pong>
{
    public ValueTask<Pong> HandleAsync(TxGetPong query, CancellationToken cancellationToken) => new(Pong.Instance);
}

public sealed class TxPassThroughMiddleware<TMessage, TResult> : IMessageMiddleware<TMessage, TResult>
    where TMessage : class
{
    public ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next) =>
        next(message, context);
}

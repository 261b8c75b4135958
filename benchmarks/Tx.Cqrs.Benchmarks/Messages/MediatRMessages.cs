using MediatR;

namespace Tx.Cqrs.Benchmarks.Messages;

public sealed record MediatRPing(int Id) : IRequest<Pong>;

public sealed class MediatRPingHandler : IRequestHandler<MediatRPing, Pong>
{
    public Task<Pong> Handle(MediatRPing request, CancellationToken cancellationToken) => Pong.CompletedTask;
}

public sealed record MediatRGetPong(int Id) : IRequest<Pong>;

public sealed class MediatRGetPongHandler : IRequestHandler<MediatRGetPong, Pong>
{
    public Task<Pong> Handle(MediatRGetPong request, CancellationToken cancellationToken) => Pong.CompletedTask;
}

public sealed class MediatRPassThroughBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) => next();
}

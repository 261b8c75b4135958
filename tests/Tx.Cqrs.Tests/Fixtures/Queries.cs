using Tx.Cqrs.Queries;

namespace Tx.Cqrs.Tests.Fixtures;

public sealed record ScopedProbeQuery : IQuery<ScopedDependency>;

public sealed class ScopedProbeQueryHandler(ScopedDependency dependency) : IQueryHandler<ScopedProbeQuery, ScopedDependency>
{
    public ValueTask<ScopedDependency> HandleAsync(ScopedProbeQuery query, CancellationToken cancellationToken) => new(dependency);
}

public sealed record HandlerIdentityQuery : IQuery<object>;

public sealed class HandlerIdentityQueryHandler : IQueryHandler<HandlerIdentityQuery, object>
{
    public ValueTask<object> HandleAsync(HandlerIdentityQuery query, CancellationToken cancellationToken) => new(this);
}

public sealed record EchoQuery(string Text) : IQuery<string>;

[HandlerLifetime(Microsoft.Extensions.DependencyInjection.ServiceLifetime.Transient)]
public sealed class EchoQueryHandler : IQueryHandler<EchoQuery, string>
{
    public ValueTask<string> HandleAsync(EchoQuery query, CancellationToken cancellationToken) => new(query.Text);
}

public sealed record DisposableHandlerQuery : IQuery<DisposableHandlerQueryHandler>;

/// <summary>A disposable scoped handler: the dispatch scope must dispose it.</summary>
public sealed class DisposableHandlerQueryHandler : IQueryHandler<DisposableHandlerQuery, DisposableHandlerQueryHandler>, IDisposable
{
    public bool IsDisposed { get; private set; }

    public ValueTask<DisposableHandlerQueryHandler> HandleAsync(DisposableHandlerQuery query, CancellationToken cancellationToken) => new(this);

    public void Dispose() => IsDisposed = true;
}

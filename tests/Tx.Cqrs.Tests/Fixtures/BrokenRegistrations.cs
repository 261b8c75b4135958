using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;

namespace Tx.Cqrs.Tests.Fixtures;

// Generic definitions are skipped by assembly scanning, so these broken shapes do not break the tests
// that scan this assembly; the tests close them and register them by hand.

public sealed record TwinCommand<TMarker> : ICommand<int>;

public sealed class TwinHandlerA<TMarker> : ICommandHandler<TwinCommand<TMarker>, int>
{
    public ValueTask<int> HandleAsync(TwinCommand<TMarker> command, CancellationToken cancellationToken) => new(1);
}

public sealed class TwinHandlerB<TMarker> : ICommandHandler<TwinCommand<TMarker>, int>
{
    public ValueTask<int> HandleAsync(TwinCommand<TMarker> command, CancellationToken cancellationToken) => new(2);
}

public sealed record AmbiguousMessage<TMarker> : ICommand<int>, IQuery<int>;

public sealed class AmbiguousMessageHandler<TMarker> : ICommandHandler<AmbiguousMessage<TMarker>, int>
{
    public ValueTask<int> HandleAsync(AmbiguousMessage<TMarker> command, CancellationToken cancellationToken) => new(0);
}

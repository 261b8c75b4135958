using System.Collections.Concurrent;
using Tx.Cqrs.Commands;

namespace Tx.Cqrs.Tests.Fixtures;

public sealed class CapturingObserver : ICommandExecutedObserver
{
    private readonly ConcurrentQueue<OnCommandExecutedArguments> _seen = new();

    public IReadOnlyList<OnCommandExecutedArguments> Seen => [.. _seen];

    public void OnCommandExecuted(in OnCommandExecutedArguments arguments) => _seen.Enqueue(arguments);
}

public sealed class ThrowingObserver : ICommandExecutedObserver
{
    public void OnCommandExecuted(in OnCommandExecutedArguments arguments) => throw new InvalidOperationException("observer bug");
}

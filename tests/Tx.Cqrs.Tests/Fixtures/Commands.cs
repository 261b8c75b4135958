using Tx.Cqrs.Commands;

namespace Tx.Cqrs.Tests.Fixtures;

public sealed record PingCommand(int Value) : ICommand<int>;

[HandlerLifetime(Microsoft.Extensions.DependencyInjection.ServiceLifetime.Singleton)]
public sealed class PingCommandHandler(Recorder recorder) : ICommandHandler<PingCommand, int>
{
    public ValueTask<int> HandleAsync(PingCommand command, CancellationToken cancellationToken)
    {
        recorder.Add("handler");
        return new ValueTask<int>(command.Value + 1);
    }
}

public sealed record ThrowingCommand(Exception ToThrow, bool Asynchronously) : ICommand<Unit>;

public sealed class ThrowingCommandHandler : ICommandHandler<ThrowingCommand, Unit>
{
    public ValueTask<Unit> HandleAsync(ThrowingCommand command, CancellationToken cancellationToken) =>
        command.Asynchronously ? ThrowLaterAsync(command.ToThrow) : throw command.ToThrow;

    private static async ValueTask<Unit> ThrowLaterAsync(Exception exception)
    {
        await Task.Yield();
        throw exception;
    }
}

/// <summary>Waits until cancelled; <see cref="Started"/> completes when the handler runs.</summary>
public sealed record WaitingCommand(TaskCompletionSource Started) : ICommand<Unit>;

public sealed class WaitingCommandHandler : ICommandHandler<WaitingCommand, Unit>
{
    public async ValueTask<Unit> HandleAsync(WaitingCommand command, CancellationToken cancellationToken)
    {
        command.Started.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>A command whose handler is scoped and returns the scoped dependency it was given.</summary>
public sealed record ScopedProbeCommand : ICommand<ScopedDependency>;

public sealed class ScopedProbeCommandHandler(ScopedDependency dependency) : ICommandHandler<ScopedProbeCommand, ScopedDependency>
{
    public ValueTask<ScopedDependency> HandleAsync(ScopedProbeCommand command, CancellationToken cancellationToken) => new(dependency);
}

/// <summary>A command whose handler takes the time its <see cref="Advance"/> says on the fake clock.</summary>
public sealed record TimedCommand(Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock, TimeSpan Advance) : ICommand<string>;

public sealed class TimedCommandHandler : ICommandHandler<TimedCommand, string>
{
    public ValueTask<string> HandleAsync(TimedCommand command, CancellationToken cancellationToken)
    {
        command.Clock.Advance(command.Advance);
        return new ValueTask<string>("done");
    }
}

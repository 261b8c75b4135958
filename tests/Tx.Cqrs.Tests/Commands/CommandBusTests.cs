using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Commands;

public sealed class CommandBusTests
{
    [Fact]
    public async Task ExecuteAsync_RegisteredHandler_ReturnsItsResult()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton));
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();

        int first = await bus.ExecuteAsync(new PingCommand(41));
        int second = await bus.ExecuteAsync(new PingCommand(1));

        Assert.Equal(42, first);
        Assert.Equal(2, second);
        Assert.Equal(["handler", "handler"], provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task ExecuteAsync_HandlerThrowsSynchronously_SameExceptionReachesCaller()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<ThrowingCommand, Unit, ThrowingCommandHandler>(ServiceLifetime.Singleton));
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();
        var thrown = new InvalidOperationException("insufficient funds");

        InvalidOperationException caught = await Assert.ThrowsAsync<InvalidOperationException>(() => bus.ExecuteAsync(new ThrowingCommand(thrown, false)).AsTask());

        Assert.Same(thrown, caught);
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Scoped)]
    [InlineData(ServiceLifetime.Transient)]
    public async Task ExecuteAsync_HandlerThrowsAsynchronously_SameExceptionReachesCaller(ServiceLifetime lifetime)
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<ThrowingCommand, Unit, ThrowingCommandHandler>(lifetime).UseLogging());
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();
        var thrown = new ArgumentException("bad account");

        ArgumentException caught = await Assert.ThrowsAsync<ArgumentException>(() => bus.ExecuteAsync(new ThrowingCommand(thrown, true)).AsTask());

        Assert.Same(thrown, caught);
    }

    [Fact]
    public async Task ExecuteAsync_TokenAlreadyCancelled_ThrowsWithoutCallingHandler()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton));
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.ExecuteAsync(new PingCommand(1), cts.Token).AsTask());

        Assert.Empty(provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileHandlerRuns_HandlerSeesTokenAndCallerGetsCancellation()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<WaitingCommand, Unit, WaitingCommandHandler>().UseLogging());
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();
        using var cts = new CancellationTokenSource();
        var command = new WaitingCommand(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        Task<Unit> running = bus.ExecuteAsync(command, cts.Token).AsTask();
        await command.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        OperationCanceledException exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(cts.Token, exception.CancellationToken);
    }

    [Fact]
    public async Task ExecuteAsync_UnregisteredCommandType_ThrowsInvalidOperationException()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton));
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();

        InvalidOperationException exception = await Assert.ThrowsAsync<InvalidOperationException>(() => bus.ExecuteAsync(new MarkedCommand()).AsTask());

        Assert.Contains(nameof(MarkedCommand), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_NullCommand_ThrowsArgumentNullException()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton));
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();

        await Assert.ThrowsAsync<ArgumentNullException>(() => bus.ExecuteAsync<int>(null!).AsTask());
    }

    [Fact]
    public async Task ExecuteAsync_ManyThreadsWithScopedHandler_EachCallGetsItsOwnScope()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddCommandHandler<ScopedProbeCommand, ScopedDependency, ScopedProbeCommandHandler>(ServiceLifetime.Scoped)
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddMiddleware(typeof(FirstMiddleware<,>)));
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();
        const int Threads = 16;
        const int CallsPerThread = 250;

        ScopedDependency[][] results = await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            var seen = new ScopedDependency[CallsPerThread];
            for (int i = 0; i < CallsPerThread; i++)
            {
                seen[i] = await bus.ExecuteAsync(new ScopedProbeCommand());
                Assert.Equal(t + i + 1, await bus.ExecuteAsync(new PingCommand(t + i)));
            }

            return seen;
        })));

        ScopedDependency[] all = [.. results.SelectMany(r => r)];
        Assert.Equal(Threads * CallsPerThread, all.Select(d => d.Id).Distinct().Count());
        Assert.All(all, d => Assert.True(d.IsDisposed));
        Assert.Equal(Threads * CallsPerThread * 4, provider.GetRequiredService<Recorder>().Entries.Count(e => e.StartsWith("first:", StringComparison.Ordinal)));
    }
}

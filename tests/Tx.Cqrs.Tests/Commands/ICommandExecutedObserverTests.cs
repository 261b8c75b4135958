using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Commands;

public sealed class ICommandExecutedObserverTests
{
    private static ServiceProvider Build(FakeTimeProvider clock, bool throwingObserverFirst = false) =>
        TestContainer.Build(
            b =>
            {
                if (throwingObserverFirst)
                {
                    b.AddCommandExecutedObserver<ThrowingObserver>();
                }

                b.AddCommandExecutedObserver<CapturingObserver>()
                    .AddCommandHandler<TimedCommand, string, TimedCommandHandler>(ServiceLifetime.Singleton)
                    .AddCommandHandler<ThrowingCommand, Unit, ThrowingCommandHandler>()
                    .AddQueryHandler<EchoQuery, string, EchoQueryHandler>();
            },
            s => s.AddSingleton<TimeProvider>(clock));

    private static CapturingObserver Observer(IServiceProvider provider) =>
        provider.GetServices<ICommandExecutedObserver>().OfType<CapturingObserver>().Single();

    [Fact]
    public async Task OnCommandExecuted_Success_ReceivesCommandResultAndDuration()
    {
        var clock = new FakeTimeProvider();
        using ServiceProvider provider = Build(clock);
        var command = new TimedCommand(clock, TimeSpan.FromMilliseconds(40));

        await provider.GetRequiredService<ICommandBus>().ExecuteAsync(command);

        OnCommandExecutedArguments seen = Assert.Single(Observer(provider).Seen);
        Assert.Same(command, seen.Command);
        Assert.Equal("done", seen.Result);
        Assert.Null(seen.Exception);
        Assert.True(seen.Succeeded);
        Assert.Equal(TimeSpan.FromMilliseconds(40), seen.Duration);
    }

    [Fact]
    public async Task OnCommandExecuted_Failure_ReceivesTheException()
    {
        using ServiceProvider provider = Build(new FakeTimeProvider());
        var thrown = new TimeoutException("ledger");

        TimeoutException caught = await Assert.ThrowsAsync<TimeoutException>(
            () => provider.GetRequiredService<ICommandBus>().ExecuteAsync(new ThrowingCommand(thrown, false)).AsTask());

        Assert.Same(thrown, caught);
        OnCommandExecutedArguments seen = Assert.Single(Observer(provider).Seen);
        Assert.Same(thrown, seen.Exception);
        Assert.False(seen.Succeeded);
        Assert.Null(seen.Result);
    }

    [Fact]
    public async Task OnCommandExecuted_ObserverThrows_CommandOutcomeUnchangedAndOthersStillNotified()
    {
        var clock = new FakeTimeProvider();
        using ServiceProvider provider = Build(clock, throwingObserverFirst: true);

        string result = await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new TimedCommand(clock, TimeSpan.Zero));

        Assert.Equal("done", result);
        Assert.Single(Observer(provider).Seen);
    }

    [Fact]
    public async Task OnCommandExecuted_Queries_DoNotNotify()
    {
        using ServiceProvider provider = Build(new FakeTimeProvider());

        await provider.GetRequiredService<IQueryBus>().ExecuteAsync(new EchoQuery("x"));

        Assert.Empty(Observer(provider).Seen);
    }
}

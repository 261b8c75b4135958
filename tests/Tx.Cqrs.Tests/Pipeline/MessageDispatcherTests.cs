using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Pipeline;

public sealed class MessageDispatcherTests
{
    [Fact]
    public async Task Dispatch_ThreeMiddlewares_RunInRegistrationOrderAroundHandler()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddMiddleware(typeof(FirstMiddleware<,>))
            .AddMiddleware(typeof(SecondMiddleware<,>))
            .AddMiddleware(typeof(ThirdMiddleware<,>)));

        int result = await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new PingCommand(1));

        Assert.Equal(2, result);
        Assert.Equal(
            ["first:before", "second:before", "third:before", "handler", "third:after", "second:after", "first:after"],
            provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task Dispatch_MiddlewareShortCircuits_HandlerAndLaterMiddlewaresDoNotRun()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddMiddleware(typeof(FirstMiddleware<,>))
            .AddCommandMiddleware(typeof(ShortCircuitPingMiddleware))
            .AddMiddleware(typeof(ThirdMiddleware<,>)));

        int result = await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new PingCommand(1));

        Assert.Equal(-1, result);
        Assert.Equal(["first:before", "short-circuit", "first:after"], provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task Dispatch_MiddlewarePassesReplacementMessage_HandlerReceivesIt()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddCommandMiddleware(typeof(DoublingPingMiddleware)));

        int result = await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new PingCommand(10));

        Assert.Equal(21, result);
    }

    [Fact]
    public async Task Dispatch_ScopedHandler_MiddlewareSeesTheHandlersScope()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddQueryHandler<ScopedProbeQuery, ScopedDependency, ScopedProbeQueryHandler>(ServiceLifetime.Scoped)
            .AddQueryMiddleware(typeof(ScopeRecordingMiddleware<,>)));

        ScopedDependency handlerDependency = await provider.GetRequiredService<IQueryBus>().ExecuteAsync(new ScopedProbeQuery());

        Assert.Equal([$"Query:{nameof(ScopedProbeQuery)}:{handlerDependency.Id}"], provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task Dispatch_CreateScopePerDispatchWithSingletonHandler_MiddlewareGetsFreshScopes()
    {
        using ServiceProvider provider = TestContainer.Build(b =>
        {
            b.AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton).AddMiddleware(typeof(ScopeRecordingMiddleware<,>));
            b.Services.Configure<TxCqrsOptions>(o => o.CreateScopePerDispatch = true);
        });
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();

        await bus.ExecuteAsync(new PingCommand(1));
        await bus.ExecuteAsync(new PingCommand(2));

        IReadOnlyList<string> scopes = [.. provider.GetRequiredService<Recorder>().Entries.Where(e => e.StartsWith("Command:", StringComparison.Ordinal))];
        Assert.Equal(2, scopes.Count);
        Assert.NotEqual(scopes[0], scopes[1]);
    }

    [Fact]
    public async Task Dispatch_OpenMiddlewareWithConstraint_AppliesOnlyToMessagesMeetingIt()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddCommandHandler<MarkedCommand, int, MarkedCommandHandler>()
            .AddCommandMiddleware(typeof(MarkedOnlyMiddleware<,>)));
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();

        await bus.ExecuteAsync(new PingCommand(1));
        int marked = await bus.ExecuteAsync(new MarkedCommand());

        Assert.Equal(7, marked);
        Assert.Equal(["handler", $"marked:{nameof(MarkedCommand)}"], provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task Dispatch_CommandMiddleware_DoesNotWrapQueries()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddQueryHandler<EchoQuery, string, EchoQueryHandler>()
            .AddCommandMiddleware(typeof(FirstMiddleware<,>))
            .AddQueryMiddleware(typeof(SecondMiddleware<,>)));

        await provider.GetRequiredService<IQueryBus>().ExecuteAsync(new EchoQuery("q"));
        await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new PingCommand(1));

        Assert.Equal(["second:before", "second:after", "first:before", "handler", "first:after"], provider.GetRequiredService<Recorder>().Entries);
    }
}

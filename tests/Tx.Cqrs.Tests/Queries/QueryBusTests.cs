using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Queries;

public sealed class QueryBusTests
{
    [Fact]
    public async Task ExecuteAsync_RegisteredHandler_ReturnsItsAnswer()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddQueryHandler<EchoQuery, string, EchoQueryHandler>());
        IQueryBus bus = provider.GetRequiredService<IQueryBus>();

        string answer = await bus.ExecuteAsync(new EchoQuery("txn_123"));

        Assert.Equal("txn_123", answer);
    }

    [Fact]
    public async Task ExecuteAsync_ScopedHandler_GetsFreshScopePerCallDisposedAfterwards()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddQueryHandler<ScopedProbeQuery, ScopedDependency, ScopedProbeQueryHandler>(ServiceLifetime.Scoped));
        IQueryBus bus = provider.GetRequiredService<IQueryBus>();

        ScopedDependency first = await bus.ExecuteAsync(new ScopedProbeQuery());
        ScopedDependency second = await bus.ExecuteAsync(new ScopedProbeQuery());

        Assert.NotEqual(first.Id, second.Id);
        Assert.True(first.IsDisposed);
        Assert.True(second.IsDisposed);
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton, true)]
    [InlineData(ServiceLifetime.Scoped, false)]
    [InlineData(ServiceLifetime.Transient, false)]
    public async Task ExecuteAsync_HandlerLifetime_IsRespected(ServiceLifetime lifetime, bool sameInstance)
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddQueryHandler<HandlerIdentityQuery, object, HandlerIdentityQueryHandler>(lifetime));
        IQueryBus bus = provider.GetRequiredService<IQueryBus>();

        object first = await bus.ExecuteAsync(new HandlerIdentityQuery());
        object second = await bus.ExecuteAsync(new HandlerIdentityQuery());

        Assert.Equal(sameInstance, ReferenceEquals(first, second));
        if (lifetime == ServiceLifetime.Singleton)
        {
            Assert.Same(provider.GetRequiredService<IQueryHandler<HandlerIdentityQuery, object>>(), first);
        }
    }

    [Theory]
    [InlineData(ServiceLifetime.Scoped)]
    [InlineData(ServiceLifetime.Transient)]
    public async Task ExecuteAsync_DisposableHandler_DisposedWithItsScope(ServiceLifetime lifetime)
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddQueryHandler<DisposableHandlerQuery, DisposableHandlerQueryHandler, DisposableHandlerQueryHandler>(lifetime));
        IQueryBus bus = provider.GetRequiredService<IQueryBus>();

        DisposableHandlerQueryHandler first = await bus.ExecuteAsync(new DisposableHandlerQuery());
        DisposableHandlerQueryHandler second = await bus.ExecuteAsync(new DisposableHandlerQuery());

        Assert.NotSame(first, second);
        Assert.True(first.IsDisposed);
        Assert.True(second.IsDisposed);
    }

    [Fact]
    public async Task ExecuteAsync_ManyThreads_AllAnswersCorrect()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddQueryHandler<EchoQuery, string, EchoQueryHandler>(ServiceLifetime.Singleton)
            .AddQueryMiddleware(typeof(SecondMiddleware<,>)));
        IQueryBus bus = provider.GetRequiredService<IQueryBus>();

        string[][] answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            var mine = new string[200];
            for (int i = 0; i < mine.Length; i++)
            {
                mine[i] = await bus.ExecuteAsync(new EchoQuery($"{t}-{i}"));
            }

            return mine;
        })));

        for (int t = 0; t < answers.Length; t++)
        {
            Assert.Equal(Enumerable.Range(0, 200).Select(i => $"{t}-{i}"), answers[t]);
        }
    }

    [Fact]
    public async Task ExecuteAsync_TokenAlreadyCancelled_ThrowsOperationCanceled()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddQueryHandler<EchoQuery, string, EchoQueryHandler>());
        IQueryBus bus = provider.GetRequiredService<IQueryBus>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.ExecuteAsync(new EchoQuery("x"), new CancellationToken(true)).AsTask());
    }
}

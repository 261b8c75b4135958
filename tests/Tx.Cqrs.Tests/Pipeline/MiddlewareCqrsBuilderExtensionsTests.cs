using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Pipeline;

public sealed class MiddlewareCqrsBuilderExtensionsTests
{
    [Theory]
    [InlineData(typeof(string))]
    [InlineData(typeof(RecordingMiddleware<,>))]
    [InlineData(typeof(List<>))]
    public void AddMiddleware_NotAMiddleware_ThrowsArgumentException(Type type)
    {
        ITxCqrsBuilder builder = new ServiceCollection().AddTxCqrs();

        Assert.Throws<ArgumentException>(() => builder.AddMiddleware(type));
    }

    [Fact]
    public async Task AddMiddleware_SameTypeTwice_RunsOnce()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddMiddleware(typeof(FirstMiddleware<,>))
            .AddMiddleware(typeof(FirstMiddleware<,>)));

        await provider.GetRequiredService<Tx.Cqrs.Commands.ICommandBus>().ExecuteAsync(new PingCommand(1));

        Assert.Equal(["first:before", "handler", "first:after"], provider.GetRequiredService<Recorder>().Entries);
    }
}

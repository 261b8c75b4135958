using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Logging;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Logging;

public sealed class LoggingMiddlewareTests
{
    private static ServiceProvider Build(FakeTimeProvider clock) =>
        TestContainer.Build(
            b => b.UseLogging()
                .AddCommandHandler<TimedCommand, string, TimedCommandHandler>()
                .AddCommandHandler<ThrowingCommand, Unit, ThrowingCommandHandler>(),
            s => s.AddSingleton<TimeProvider>(clock)
                .AddLogging(l => l.SetMinimumLevel(LogLevel.Debug))
                .AddFakeLogging()
                .Configure<TxCqrsOptions>(o => o.SlowDispatchThreshold = TimeSpan.FromSeconds(2)));

    private static IReadOnlyList<FakeLogRecord> Records(IServiceProvider provider) =>
        [.. provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == LoggingMiddleware<PingCommand, int>.CategoryName)];

    [Fact]
    public async Task InvokeAsync_Success_LogsStartAndDurationAtInformation()
    {
        var clock = new FakeTimeProvider();
        using ServiceProvider provider = Build(clock);

        await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new TimedCommand(clock, TimeSpan.FromMilliseconds(125)));

        IReadOnlyList<FakeLogRecord> records = Records(provider);
        Assert.Equal([LogLevel.Debug, LogLevel.Information], records.Select(r => r.Level));
        Assert.Equal("Handling command TimedCommand", records[0].Message);
        Assert.Equal("Handled command TimedCommand in 125 ms", records[1].Message);
    }

    [Fact]
    public async Task InvokeAsync_SlowerThanThreshold_LogsWarning()
    {
        var clock = new FakeTimeProvider();
        using ServiceProvider provider = Build(clock);

        await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new TimedCommand(clock, TimeSpan.FromSeconds(3)));

        FakeLogRecord last = Records(provider)[^1];
        Assert.Equal(LogLevel.Warning, last.Level);
        Assert.Contains("3000 ms", last.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_HandlerFails_LogsErrorWithException()
    {
        var clock = new FakeTimeProvider();
        using ServiceProvider provider = Build(clock);
        var thrown = new InvalidOperationException("boom");

        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<ICommandBus>().ExecuteAsync(new ThrowingCommand(thrown, false)).AsTask());

        FakeLogRecord last = Records(provider)[^1];
        Assert.Equal(LogLevel.Error, last.Level);
        Assert.Same(thrown, last.Exception);
    }

    [Fact]
    public void Ctor_NoLoggerFactory_IsLeftOutOfThePipeline()
    {
        var middleware = new LoggingMiddleware<PingCommand, int>(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new TxCqrsOptions()));

        Assert.False(middleware.IsActive);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tx.Cqrs.Auditing;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Auditing;

public sealed class AuditMiddlewareTests
{
    [Fact]
    public async Task InvokeAsync_CommandSucceeds_SinkReceivesCommandResultAndDuration()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using ServiceProvider provider = TestContainer.Build(
            b => b.UseAudit().AddAuditSink<MemoryAuditSink>().AddCommandHandler<TimedCommand, string, TimedCommandHandler>(),
            s => s.AddSingleton<TimeProvider>(clock));
        var command = new TimedCommand(clock, TimeSpan.FromMilliseconds(250));

        await provider.GetRequiredService<ICommandBus>().ExecuteAsync(command);

        AuditRecord record = Assert.Single(((MemoryAuditSink)provider.GetRequiredService<IAuditSink>()).Records);
        Assert.Same(command, record.Command);
        Assert.Equal(typeof(TimedCommand).FullName, record.CommandType);
        Assert.Equal("done", record.Result);
        Assert.True(record.Succeeded);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), record.StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(250), record.Duration);
    }

    [Fact]
    public async Task InvokeAsync_CommandFails_SinkReceivesExceptionAndCallerTheSameException()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .UseAudit().AddAuditSink<MemoryAuditSink>().AddCommandHandler<ThrowingCommand, Unit, ThrowingCommandHandler>());
        var thrown = new InvalidOperationException("declined");

        InvalidOperationException caught = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provider.GetRequiredService<ICommandBus>().ExecuteAsync(new ThrowingCommand(thrown, true)).AsTask());

        Assert.Same(thrown, caught);
        AuditRecord record = Assert.Single(((MemoryAuditSink)provider.GetRequiredService<IAuditSink>()).Records);
        Assert.False(record.Succeeded);
        Assert.Same(thrown, record.Exception);
        Assert.Null(record.Result);
    }

    [Fact]
    public async Task InvokeAsync_SinkFails_CommandResultUnchangedAndOtherSinksStillWritten()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .UseAudit().AddAuditSink<FailingAuditSink>().AddAuditSink<MemoryAuditSink>()
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton));

        int result = await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new PingCommand(1));

        Assert.Equal(2, result);
        MemoryAuditSink memory = provider.GetServices<IAuditSink>().OfType<MemoryAuditSink>().Single();
        Assert.Single(memory.Records);
    }

    [Fact]
    public async Task InvokeAsync_Queries_AreNotAudited()
    {
        using ServiceProvider provider = TestContainer.Build(b => b
            .UseAudit().AddAuditSink<MemoryAuditSink>().AddQueryHandler<EchoQuery, string, EchoQueryHandler>());

        await provider.GetRequiredService<IQueryBus>().ExecuteAsync(new EchoQuery("x"));

        Assert.Empty(((MemoryAuditSink)provider.GetRequiredService<IAuditSink>()).Records);
    }

    [Fact]
    public void UseAudit_WithoutSink_FailsWhenBusIsBuilt()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.UseAudit().AddCommandHandler<PingCommand, int, PingCommandHandler>());

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICommandBus>());

        Assert.Contains(exception.Failures, f => f.Contains("IAuditSink", StringComparison.Ordinal));
    }
}

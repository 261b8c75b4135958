using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Telemetry;
using Tx.Cqrs.Tests.Fixtures;

namespace Tx.Cqrs.Tests.Telemetry;

[Collection(SerialTelemetryCollection.Name)]
public sealed class CqrsMetricsTests
{
    private static ServiceProvider Build() =>
        TestContainer.Build(
            b => b.AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
                .AddCommandHandler<ThrowingCommand, Unit, ThrowingCommandHandler>()
                .AddQueryHandler<EchoQuery, string, EchoQueryHandler>(),
            s => s.AddMetrics());

    [Fact]
    public async Task RecordDispatch_SuccessAndFailure_CountsAndDurationsTaggedByOutcome()
    {
        using ServiceProvider provider = Build();
        IMeterFactory meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var dispatches = new MetricCollector<long>(meterFactory, CqrsMetrics.MeterName, CqrsTelemetry.DispatchesInstrument);
        using var durations = new MetricCollector<double>(meterFactory, CqrsMetrics.MeterName, CqrsTelemetry.DurationInstrument);
        ICommandBus commands = provider.GetRequiredService<ICommandBus>();

        await commands.ExecuteAsync(new PingCommand(1));
        await commands.ExecuteAsync(new PingCommand(2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => commands.ExecuteAsync(new ThrowingCommand(new InvalidOperationException(), false)).AsTask());
        await provider.GetRequiredService<IQueryBus>().ExecuteAsync(new EchoQuery("q"));

        IReadOnlyList<CollectedMeasurement<long>> counts = dispatches.GetMeasurementSnapshot();
        Assert.Equal(4, counts.Count);
        Assert.Equal(2, counts.Count(m => m.MatchesTags(
            new KeyValuePair<string, object?>(CqrsTelemetry.MessageTypeTag, typeof(PingCommand).FullName),
            new KeyValuePair<string, object?>(CqrsTelemetry.MessageKindTag, "command"),
            new KeyValuePair<string, object?>(CqrsTelemetry.OutcomeTag, "success"))));
        CollectedMeasurement<long> failure = Assert.Single(counts, m => m.Tags[CqrsTelemetry.OutcomeTag] is "failure");
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.Tags[CqrsTelemetry.ErrorTypeTag]);
        Assert.Single(counts, m => m.Tags[CqrsTelemetry.MessageKindTag] is "query");
        Assert.Equal(4, durations.GetMeasurementSnapshot().Count);
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task RecordDispatch_Cancelled_TaggedCancelled()
    {
        using ServiceProvider provider = TestContainer.Build(b => b.AddCommandHandler<WaitingCommand, Unit, WaitingCommandHandler>(), s => s.AddMetrics());
        using var dispatches = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), CqrsMetrics.MeterName, CqrsTelemetry.DispatchesInstrument);
        using var cts = new CancellationTokenSource();
        var command = new WaitingCommand(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        Task<Unit> running = provider.GetRequiredService<ICommandBus>().ExecuteAsync(command, cts.Token).AsTask();
        await command.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal("cancelled", Assert.Single(dispatches.GetMeasurementSnapshot()).Tags[CqrsTelemetry.OutcomeTag]);
    }

    [Fact]
    public async Task Dispatch_WithActivityListener_StartsOneActivityPerDispatchWithErrorStatusOnFailure()
    {
        using ServiceProvider provider = Build();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CqrsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // The source is process-wide: keep only this test's message types.
                if (activity.GetTagItem(CqrsTelemetry.MessageTypeTag) is string type &&
                    (type == typeof(PingCommand).FullName || type == typeof(ThrowingCommand).FullName))
                {
                    lock (stopped)
                    {
                        stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();
        var marker = new InvalidOperationException($"marker-{Guid.NewGuid()}");

        await bus.ExecuteAsync(new PingCommand(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bus.ExecuteAsync(new ThrowingCommand(marker, true)).AsTask());

        Activity[] mine;
        lock (stopped)
        {
            mine = [.. stopped.Where(a => a.DisplayName == "command PingCommand" || a.StatusDescription == marker.Message)];
        }

        Assert.Contains(mine, a => a.DisplayName == "command PingCommand" && a.Status == ActivityStatusCode.Unset && (string?)a.GetTagItem(CqrsTelemetry.MessageKindTag) == "command");
        Activity failed = Assert.Single(mine, a => a.StatusDescription == marker.Message);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("command ThrowingCommand", failed.DisplayName);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.GetTagItem(CqrsTelemetry.ErrorTypeTag));
    }

    [Fact]
    public void Ctor_WithoutMeterFactory_CreatesItsOwnMeter()
    {
        using var metrics = new CqrsMetrics();
        using var collector = new MetricCollector<long>(null, CqrsMetrics.MeterName, CqrsTelemetry.DispatchesInstrument);

        metrics.RecordDispatch("T", "command", "success", null, TimeSpan.FromMilliseconds(1));

        Assert.Contains(collector.GetMeasurementSnapshot(), m => m.Tags[CqrsTelemetry.MessageTypeTag] is "T");
    }
}

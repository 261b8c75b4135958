using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Tx.EventStore.ComplianceTests;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.Streams;
using Tx.EventStore.Telemetry;

namespace Tx.EventStore.Tests.Telemetry;

public sealed class EventStoreMetricsTests
{
    [Fact]
    public async Task Append_RecordsEventsDurationAndConflicts()
    {
        using var services = Build(b => { });
        var meters = services.GetRequiredService<IMeterFactory>();
        using var appended = new MetricCollector<long>(meters, EventStoreMetrics.MeterName, "tx.eventstore.events.appended");
        using var duration = new MetricCollector<double>(meters, EventStoreMetrics.MeterName, "tx.eventstore.append.duration");
        using var conflicts = new MetricCollector<long>(meters, EventStoreMetrics.MeterName, "tx.eventstore.append.conflicts");
        var store = services.GetRequiredService<IEventStore>();

        await store.AppendAsync("s", ExpectedVersion.NoStream, [new(TestEventTypes.Created("s")), new(TestEventTypes.Created("s"))]);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.AppendAsync("s", ExpectedVersion.NoStream, [new(TestEventTypes.Created("s"))]).AsTask());

        Assert.Equal(2, appended.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(1, conflicts.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Subscription_RecordsLagUntilCaughtUp()
    {
        var handler = new RecordingHandler();
        using var services = Build(b => b.AddSubscription("lagging", _ => handler, o =>
        {
            o.BatchSize = 4;
            o.PollInterval = TimeSpan.FromMilliseconds(10);
        }));
        using var lag = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), EventStoreMetrics.MeterName, "tx.eventstore.subscription.lag");
        var store = services.GetRequiredService<IEventStore>();
        await store.AppendAsync("s", ExpectedVersion.NoStream, Enumerable.Range(0, 10).Select(i => new Appending.EventData(TestEventTypes.Created("s", i))).ToArray());

        var hosted = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single();
        await hosted.StartAsync(CancellationToken.None);
        await lag.WaitForMeasurementsAsync(4).WaitAsync(TimeSpan.FromSeconds(30));
        await hosted.StopAsync(CancellationToken.None);

        var values = lag.GetMeasurementSnapshot().Select(m => m.Value).ToList();
        Assert.Equal(6, values[0]);
        Assert.Equal(2, values[1]);
        Assert.Equal(0, values[2]);
        Assert.All(lag.GetMeasurementSnapshot(), m => Assert.Equal("lagging", m.Tags["tx.eventstore.subscription"]));
    }

    private static ServiceProvider Build(Action<ITxEventStoreBuilder> build)
    {
        var services = new ServiceCollection();
        build(services.AddTxEventStore(TestEventTypes.Register));
        return services.BuildServiceProvider();
    }
}

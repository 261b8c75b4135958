using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Tests.Fakes;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Tests.Telemetry;

public sealed class MessagingMetricsTests : IDisposable
{
    private readonly TestMeterFactory _meterFactory = new();
    private readonly MessagingMetrics _metrics;

    public MessagingMetricsTests()
    {
        _metrics = new MessagingMetrics(_meterFactory);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _meterFactory.Dispose();
    }

    [Fact]
    public void ConsumerLag_TrackedConsumer_ObservedPerGroupTopicAndPartition()
    {
        // Arrange
        using var lag = new MetricCollector<long>(_meterFactory, MessagingMetrics.MeterName, "tx.messaging.consumer.lag");
        var consumer = new FakeConsumer();
        consumer.Lags.Add(new ConsumerLag("domain-events", 2, 17));
        _metrics.Track(consumer, "analytics");

        // Act
        lag.RecordObservableInstruments();
        _metrics.Untrack(consumer);
        lag.RecordObservableInstruments();

        // Assert
        CollectedMeasurement<long> measurement = Assert.Single(lag.GetMeasurementSnapshot());
        Assert.Equal(17, measurement.Value);
        Assert.Equal("analytics", measurement.Tags["messaging.consumer.group.name"]);
        Assert.Equal("domain-events", measurement.Tags["messaging.destination.name"]);
        Assert.Equal(2, measurement.Tags["messaging.destination.partition.id"]);
    }

    [Fact]
    public void Produced_Count_AddsWithTopicTag()
    {
        using var produced = new MetricCollector<long>(_meterFactory, MessagingMetrics.MeterName, "tx.messaging.messages.produced");

        _metrics.Produced("audit-events", 3);

        Assert.Equal(3, produced.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal("audit-events", produced.LastMeasurement!.Tags["messaging.destination.name"]);
    }
}

using System.Text;
using Microsoft.Extensions.Options;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Tests.Fakes;

/// <summary>A broker with its producer, for tests that drive in-process consumers by hand.</summary>
internal sealed class InProcessFixture : IDisposable
{
    private readonly TestMeterFactory _meterFactory = new();

    public InProcessFixture(int partitions = 3, int capacity = 100)
    {
        Broker = new InProcessBroker(Options.Create(new InProcessOptions { DefaultPartitions = partitions, PartitionCapacity = capacity }));
        Metrics = new MessagingMetrics(_meterFactory);
        Producer = new InProcessProducer(Broker, TimeProvider.System, Metrics);
    }

    public InProcessBroker Broker { get; }

    public MessagingMetrics Metrics { get; }

    public TestMeterFactory MeterFactory => _meterFactory;

    public InProcessProducer Producer { get; }

    public InProcessConsumer Join(string group, string topic, AutoOffsetReset reset = AutoOffsetReset.Earliest) =>
        new(Broker, new ConsumerSubscription(group, [topic], reset));

    public ValueTask<DeliveryResult> ProduceAsync(string topic, string? key, string value, CancellationToken cancellationToken = default) =>
        Producer.ProduceAsync(topic, new OutgoingMessage(key, Encoding.UTF8.GetBytes(value)), cancellationToken);

    public void Dispose()
    {
        Metrics.Dispose();
        _meterFactory.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Telemetry;

/// <summary>The "Tx.Messaging" meter: produced, consumed, retried, dead-lettered and consumer lag.</summary>
internal sealed class MessagingMetrics : IDisposable
{
    public const string MeterName = MessagingTelemetryConstants.MeterName;

    private readonly Meter _meter;
    private readonly Counter<long> _produced;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly ConcurrentDictionary<IMessageConsumer, string> _consumers = new();

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _produced = _meter.CreateCounter<long>(MessagingTelemetryConstants.Produced, MessagingTelemetryConstants.MessageUnit, "Messages acknowledged by the transport.");
        _consumed = _meter.CreateCounter<long>(MessagingTelemetryConstants.Consumed, MessagingTelemetryConstants.MessageUnit, "Messages handled successfully by a consumer group.");
        _retried = _meter.CreateCounter<long>(MessagingTelemetryConstants.Retried, MessagingTelemetryConstants.MessageUnit, "Handler failures followed by a retry.");
        _deadLettered = _meter.CreateCounter<long>(MessagingTelemetryConstants.DeadLettered, MessagingTelemetryConstants.MessageUnit, "Messages sent to a dead-letter topic.");
        _meter.CreateObservableGauge(MessagingTelemetryConstants.ConsumerLag, ObserveLag, MessagingTelemetryConstants.MessageUnit, "Messages produced but not yet consumed, per group and partition.");
    }

    public void Produced(string topic, int count = 1)
    {
        if (_produced.Enabled)
        {
            AddCore(_produced, count, topic);
        }
    }

    public void Consumed(string topic, string group)
    {
        if (_consumed.Enabled)
        {
            AddCore(_consumed, 1, topic, group);
        }
    }

    public void Retried(string topic, string group)
    {
        if (_retried.Enabled)
        {
            AddCore(_retried, 1, topic, group);
        }
    }

    public void DeadLettered(string topic, string group)
    {
        if (_deadLettered.Enabled)
        {
            AddCore(_deadLettered, 1, topic, group);
        }
    }

    public void Track(IMessageConsumer consumer, string group) => _consumers[consumer] = group;

    public void Untrack(IMessageConsumer consumer) => _consumers.TryRemove(consumer, out _);

    public void Dispose() => _meter.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddCore(Counter<long> counter, int count, string topic, string? group = null)
    {
        if (group is null)
        {
            counter.Add(count, new KeyValuePair<string, object?>(MessagingTelemetryConstants.TopicTag, topic));
        }
        else
        {
            counter.Add(
                count,
                new KeyValuePair<string, object?>(MessagingTelemetryConstants.TopicTag, topic),
                new KeyValuePair<string, object?>(MessagingTelemetryConstants.GroupTag, group));
        }
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        var measurements = new List<Measurement<long>>();
        foreach (KeyValuePair<IMessageConsumer, string> entry in _consumers)
        {
            IReadOnlyList<ConsumerLag> lags;
            try
            {
                lags = entry.Key.GetLag();
            }
            catch (ObjectDisposedException)
            {
                continue;
            }

            foreach (ConsumerLag lag in lags)
            {
                measurements.Add(new Measurement<long>(
                    lag.Lag,
                    new KeyValuePair<string, object?>(MessagingTelemetryConstants.GroupTag, entry.Value),
                    new KeyValuePair<string, object?>(MessagingTelemetryConstants.TopicTag, lag.Topic),
                    new KeyValuePair<string, object?>(MessagingTelemetryConstants.PartitionTag, lag.Partition)));
            }
        }

        return measurements;
    }
}

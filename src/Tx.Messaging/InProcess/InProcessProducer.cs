using System.Collections.ObjectModel;
using System.Diagnostics;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.InProcess;

/// <summary>Appends to in-process partitions (murmur2 by key, round-robin without one); waits when the slowest running group is a full partition behind.</summary>
internal sealed class InProcessProducer(InProcessBroker broker, TimeProvider timeProvider, MessagingMetrics metrics) : IMessageProducer
{
    public ValueTask<DeliveryResult> ProduceAsync(string topic, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();

        InProcessTopic t = broker.GetOrCreateTopic(topic);
        int partition = message.Key is null ? t.NextPartition() : Murmur2Partitioner.GetPartition(message.Key, t.Partitions.Length);
        using Activity? activity = MessagingActivitySource.StartProduce(topic);

        // Copy what the caller may reuse after the call returns, as Kafka's client does.
        IReadOnlyDictionary<string, string> headers = ReadOnlyDictionary<string, string>.Empty;
        if (message.Headers.Count > 0 || activity?.Id is not null)
        {
            var copy = new MessageHeaders(message.Headers);
            if (activity?.Id is { } traceParent)
            {
                copy.Set(MessagingTelemetryConstants.TraceParentHeader, traceParent);
            }

            headers = copy;
        }
        var record = new InProcessRecord(message.Key, message.Value.ToArray(), headers, timeProvider.GetUtcNow());
        InProcessPartition p = t.Partitions[partition];
        if (p.TryAppend(record, out long offset, out Task? spaceAvailable))
        {
            return new ValueTask<DeliveryResult>(Delivered(t, partition, offset, record));
        }

        return WaitAndAppendAsync(t, p, record, spaceAvailable!, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<DeliveryResult>> ProduceBatchAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new DeliveryResult[messages.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = await ProduceAsync(topic, messages[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private async ValueTask<DeliveryResult> WaitAndAppendAsync(InProcessTopic topic, InProcessPartition partition, InProcessRecord record, Task spaceAvailable, CancellationToken cancellationToken)
    {
        while (true)
        {
            await spaceAvailable.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (partition.TryAppend(record, out long offset, out Task? next))
            {
                return Delivered(topic, partition.Id, offset, record);
            }

            spaceAvailable = next!;
        }
    }

    private DeliveryResult Delivered(InProcessTopic topic, int partition, long offset, InProcessRecord record)
    {
        topic.WakeConsumers();
        metrics.Produced(topic.Name);
        return new DeliveryResult(topic.Name, partition, offset, record.Timestamp);
    }
}

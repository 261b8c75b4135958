using System.Diagnostics;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.InProcess;

/// <summary>Appends to in-process partitions (murmur2 by key, round-robin without one); waits when the slowest running group is a full partition behind.</summary>
internal sealed class InProcessProducer(InProcessBroker broker, TimeProvider timeProvider, MessagingMetrics metrics) : IMessageProducer
{
    // Most producers write to one topic: skip the dictionary lookup when it is the last one again.
    private InProcessTopic? _lastTopic;

    public ValueTask<DeliveryResult> ProduceAsync(string topic, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();

        InProcessTopic t = GetTopic(topic);
        int partition = message.Key is null ? t.NextPartition() : Murmur2Partitioner.GetPartition(message.Key, t.Partitions.Length);
        using Activity? activity = MessagingActivitySource.StartProduce(topic);

        // Copy what the caller may reuse after the call returns, as Kafka's client does.
        var record = new InProcessRecord(message.Key, message.Value.ToArray(), InProcessHeaders.Copy(message.Headers, activity?.Id), timeProvider.GetUtcNow());
        InProcessPartition p = t.Partitions[partition];
        if (p.TryAppend(record, out long offset, out Task? spaceAvailable))
        {
            return new ValueTask<DeliveryResult>(Delivered(t, p, offset, record));
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
                return Delivered(topic, partition, offset, record);
            }

            spaceAvailable = next!;
        }
    }

    private DeliveryResult Delivered(InProcessTopic topic, InProcessPartition partition, long offset, InProcessRecord record)
    {
        partition.WakeListeners();
        metrics.Produced(topic.Name);
        return new DeliveryResult(topic.Name, partition.Id, offset, record.Timestamp);
    }

    private InProcessTopic GetTopic(string name)
    {
        InProcessTopic? last = Volatile.Read(ref _lastTopic);
        if (last is not null && string.Equals(last.Name, name, StringComparison.Ordinal))
        {
            return last;
        }

        InProcessTopic topic = broker.GetOrCreateTopic(name);
        Volatile.Write(ref _lastTopic, topic);
        return topic;
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.InProcess;

/// <summary>Appends to in-process partitions (murmur2 by key, round-robin without one); waits when the slowest running group is a full partition behind.</summary>
internal sealed class InProcessProducer(InProcessBroker broker, TimeProvider timeProvider, MessagingMetrics metrics) : IMessageProducer
{
    private readonly InProcessClock _clock = new(timeProvider);
    private readonly InProcessHeaderCache _headerCache = new();

    // Records up to this many bytes (key, value and headers, at their maximum UTF-8 length) are encoded on the stack.
    private const int StackRecordLength = 512;

    // Most producers write to one topic: skip the dictionary lookup when it is the last one again.
    private InProcessTopic? _lastTopic;

    // The stack buffer is written before it is read: no need to zero it on every call.
    [SkipLocalsInit]
    public ValueTask<DeliveryResult> ProduceAsync(string topic, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();

        InProcessTopic t = GetTopic(topic);
        using Activity? activity = MessagingActivitySource.StartProduce(topic);

        // Encoded now (key, value, headers), so the caller may reuse its message as soon as the call
        // returns, as with Kafka's client; the partition copies the bytes into its ring. A small record is
        // encoded on the stack (no pool round trip); only a producer that must wait keeps a pooled copy.
        string? traceParent = activity?.Id;
        int maxLength = InProcessRecordCodec.GetMaxLength(message.Key, message.Value.Length, message.Headers, traceParent);
        byte[]? rented = maxLength > StackRecordLength ? ArrayPool<byte>.Shared.Rent(maxLength) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackRecordLength];
        InProcessEntry entry = InProcessRecordCodec.Encode(message.Key, message.Value.Span, message.Headers, traceParent, _clock.GetUtcTicks(), buffer, _headerCache);

        // The key's UTF-8 bytes lead the record: hashed where they were encoded (murmur2, as the Java client).
        int partition = entry.KeyLength < 0 ? t.NextPartition() : Murmur2Partitioner.GetPartition(buffer[..entry.KeyLength], t.Partitions.Length);
        InProcessPartition p = t.Partitions[partition];
        if (p.TryAppend(entry, buffer[..(int)entry.Length], out long offset, out Task? spaceAvailable))
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            return new ValueTask<DeliveryResult>(Delivered(t, p, offset, entry));
        }

        if (rented is null)
        {
            rented = ArrayPool<byte>.Shared.Rent((int)entry.Length);
            buffer[..(int)entry.Length].CopyTo(rented);
        }

        return WaitAndAppendAsync(t, p, entry, rented, spaceAvailable!, cancellationToken);
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

    private async ValueTask<DeliveryResult> WaitAndAppendAsync(InProcessTopic topic, InProcessPartition partition, InProcessEntry entry, byte[] buffer, Task spaceAvailable, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await spaceAvailable.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (partition.TryAppend(entry, buffer.AsSpan(0, (int)entry.Length), out long offset, out Task? next))
                {
                    return Delivered(topic, partition, offset, entry);
                }

                spaceAvailable = next!;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private DeliveryResult Delivered(InProcessTopic topic, InProcessPartition partition, long offset, InProcessEntry entry)
    {
        metrics.Produced(topic.Name);
        return new DeliveryResult(topic.Name, partition.Id, offset, new DateTimeOffset(entry.UtcTicks, TimeSpan.Zero));
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

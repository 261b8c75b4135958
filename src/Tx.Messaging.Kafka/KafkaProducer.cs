using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.Kafka;

/// <summary>
/// The Kafka producer: idempotent (<c>acks=all</c>), murmur2-partitioned, <c>message.timeout.ms</c> from
/// options. Disposing flushes the queue first, so nothing queued is dropped silently.
/// </summary>
internal sealed class KafkaProducer : IMessageProducer, IDisposable
{
    private readonly IProducer<string?, byte[]> _producer;
    private readonly KafkaOptions _options;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger _logger;
    private int _disposed;

    public KafkaProducer(IOptions<KafkaOptions> options, MessagingMetrics metrics, ILogger<KafkaProducer> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _producer = new ProducerBuilder<string?, byte[]>(KafkaClientConfigFactory.CreateProducerConfig(_options))
            .SetKeySerializer(Serializers.Utf8)
            .SetValueSerializer(Serializers.ByteArray)
            .SetLogHandler((_, message) => KafkaLogging.OnLog(_logger, message))
            .SetErrorHandler((_, error) => KafkaLogging.OnError(_logger, error))
            .Build();
    }

    /// <summary>Gets the underlying Confluent producer.</summary>
    internal IProducer<string?, byte[]> Inner => _producer;

    public ValueTask<DeliveryResult> ProduceAsync(string topic, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<DeliveryResult>(cancellationToken);
        }

        return Enqueue(topic, message, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<DeliveryResult>> ProduceBatchAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();

        // Enqueue everything first so librdkafka batches; the idempotent producer keeps the order per partition.
        var pending = new ValueTask<DeliveryResult>[messages.Count];
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = Enqueue(topic, messages[i], cancellationToken);
        }

        var results = new DeliveryResult[pending.Length];
        for (int i = 0; i < pending.Length; i++)
        {
            try
            {
                results[i] = await pending[i].ConfigureAwait(false);
            }
            catch (MessageProduceException ex) when (ex.InnerException is ProduceException<string?, byte[]> error)
            {
                throw new MessageProduceException($"Producing message {i} of a batch to '{topic}' failed: {error.Error.Code} {error.Error.Reason}", error) { Topic = topic };
            }
        }

        return results;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Dispose alone drops whatever is still queued; flush first and say what could not be delivered.
        int remaining = _producer.Flush(_options.FlushTimeout);
        if (remaining > 0)
        {
            Log.FlushIncomplete(_logger, remaining, _options.FlushTimeout);
        }

        _producer.Dispose();
    }

    /// <summary>Hands the message to librdkafka's queue; the task completes with its delivery report.</summary>
    private ValueTask<DeliveryResult> Enqueue(string topic, OutgoingMessage message, CancellationToken cancellationToken)
    {
        Activity? activity = MessagingActivitySource.StartProduce(topic);
        if (activity is not null)
        {
            // The span ends with the delivery report; the caller's context goes on as it was.
            Activity.Current = activity.Parent;
        }

        var delivery = KafkaDelivery.Rent(topic, _metrics, activity);

        // Registered before the enqueue: the report, which may come at once, then always finds (and
        // disposes) the registration, so a late cancellation can never touch a reused delivery object.
        delivery.CancelWith(cancellationToken);
        ValueTask<DeliveryResult> delivered = delivery.Task;
        try
        {
            _producer.Produce(topic, ToKafka(message, activity), delivery.Handler);
        }
        catch (Exception ex)
        {
            // Not enqueued: no report will come, and the delivery object was never handed out (the GC takes it).
            delivery.Abandon();
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.Dispose();
            return ValueTask.FromException<DeliveryResult>(ex is ProduceException<string?, byte[]> error ? KafkaDelivery.ToException(topic, error) : ex);
        }

        return delivered;
    }

    internal static Message<string?, byte[]> ToKafka(OutgoingMessage message, Activity? activity) => new()
    {
        Key = message.Key,
        Value = KafkaHeaders.ToArray(message.Value),
        Headers = KafkaHeaders.ToKafka(message.Headers, activity?.Id),
    };
}

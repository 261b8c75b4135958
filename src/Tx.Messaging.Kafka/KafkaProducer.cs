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

    public async ValueTask<DeliveryResult> ProduceAsync(string topic, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        using Activity? activity = MessagingActivitySource.StartProduce(topic);
        Message<string?, byte[]> kafkaMessage = ToKafka(message, activity);
        try
        {
            DeliveryResult<string?, byte[]> result = await _producer.ProduceAsync(topic, kafkaMessage, cancellationToken).ConfigureAwait(false);
            _metrics.Produced(topic);
            return new DeliveryResult(result.Topic, result.Partition.Value, result.Offset.Value, result.Timestamp.UtcDateTime);
        }
        catch (ProduceException<string?, byte[]> ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Error.Reason);
            throw new MessageProduceException($"Producing to '{topic}' failed: {ex.Error.Code} {ex.Error.Reason}", ex) { Topic = topic };
        }
    }

    public async ValueTask<IReadOnlyList<DeliveryResult>> ProduceBatchAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(messages);

        // Enqueue everything first so librdkafka batches; the idempotent producer keeps the order per partition.
        var pending = new Task<DeliveryResult<string?, byte[]>>[messages.Count];
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = _producer.ProduceAsync(topic, ToKafka(messages[i], activity: null), cancellationToken);
        }

        var results = new DeliveryResult[pending.Length];
        for (int i = 0; i < pending.Length; i++)
        {
            try
            {
                DeliveryResult<string?, byte[]> result = await pending[i].ConfigureAwait(false);
                results[i] = new DeliveryResult(result.Topic, result.Partition.Value, result.Offset.Value, result.Timestamp.UtcDateTime);
            }
            catch (ProduceException<string?, byte[]> ex)
            {
                throw new MessageProduceException($"Producing message {i} of a batch to '{topic}' failed: {ex.Error.Code} {ex.Error.Reason}", ex) { Topic = topic };
            }
        }

        _metrics.Produced(topic, results.Length);
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

    internal static Message<string?, byte[]> ToKafka(OutgoingMessage message, Activity? activity) => new()
    {
        Key = message.Key,
        Value = KafkaHeaders.ToArray(message.Value),
        Headers = KafkaHeaders.ToKafka(message.Headers, activity?.Id),
    };
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Topics;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Consuming;

/// <summary>Hosts one consumer group member (one <c>AddTxConsumer</c> registration) as a background service.</summary>
internal sealed class ConsumerHostedService : BackgroundService
{
    private readonly ConsumerOptions _options;
    private readonly MessageHandlerInvoker _invoker;
    private readonly IMessageConsumerFactory _consumerFactory;
    private readonly IMessageProducer _producer;
    private readonly ITopicAdministrator _administrator;
    private readonly TimeProvider _timeProvider;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger _logger;

    public ConsumerHostedService(
        ConsumerOptions options,
        MessageHandlerInvoker invoker,
        IMessageConsumerFactory consumerFactory,
        IMessageProducer producer,
        ITopicAdministrator administrator,
        TimeProvider timeProvider,
        MessagingMetrics metrics,
        ILogger<ConsumerHostedService> logger)
    {
        _options = options;
        _invoker = invoker;
        _consumerFactory = consumerFactory;
        _producer = producer;
        _administrator = administrator;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Transports such as Kafka block the calling thread while waiting for messages.
        await Task.Yield();
        await EnsureDeadLetterTopicsAsync(stoppingToken).ConfigureAwait(false);
        using IMessageConsumer consumer = _consumerFactory.Create(new ConsumerSubscription(_options.GroupId, [.. _options.Topics], _options.AutoOffsetReset));
        _metrics.Track(consumer, _options.GroupId);
        Log.ConsumerStarted(_logger, _options.GroupId, string.Join(", ", _options.Topics));
        try
        {
            var loop = new ConsumerLoop(consumer, _invoker, _producer, _options, _timeProvider, _metrics, _logger);
            await loop.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _metrics.Untrack(consumer);
            Log.ConsumerStopped(_logger, _options.GroupId);
        }
    }

    private async Task EnsureDeadLetterTopicsAsync(CancellationToken cancellationToken)
    {
        foreach (string topic in _options.Topics)
        {
            string deadLetterTopic = TopicNames.DeadLetter(topic);
            try
            {
                int partitions = await _administrator.GetPartitionCountAsync(topic, cancellationToken).ConfigureAwait(false) ?? 1;
                await _administrator.CreateTopicsAsync([new TopicSpecification(deadLetterTopic) { Partitions = partitions }], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not fatal: brokers that auto-create topics still accept dead letters.
                Log.EnsureDeadLetterTopicFailed(_logger, ex, deadLetterTopic);
            }
        }
    }
}

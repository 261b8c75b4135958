using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Kafka;

internal sealed class KafkaConsumerFactory(IOptions<KafkaOptions> options, ILogger<KafkaConsumer> logger) : IMessageConsumerFactory
{
    public IMessageConsumer Create(ConsumerSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new KafkaConsumer(options.Value, subscription, logger);
    }
}

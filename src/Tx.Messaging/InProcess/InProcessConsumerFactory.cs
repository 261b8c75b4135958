using Tx.Messaging.Transport;

namespace Tx.Messaging.InProcess;

internal sealed class InProcessConsumerFactory(InProcessBroker broker) : IMessageConsumerFactory
{
    public IMessageConsumer Create(ConsumerSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new InProcessConsumer(broker, subscription);
    }
}

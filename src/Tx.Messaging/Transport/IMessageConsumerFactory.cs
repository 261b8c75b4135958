namespace Tx.Messaging.Transport;

/// <summary>Creates transport consumers for the hosted consumer groups (implemented by transports).</summary>
public interface IMessageConsumerFactory
{
    /// <summary>Creates a consumer that joins a group and subscribes to topics.</summary>
    /// <param name="subscription">The group and topics.</param>
    /// <returns>The consumer.</returns>
    IMessageConsumer Create(ConsumerSubscription subscription);
}

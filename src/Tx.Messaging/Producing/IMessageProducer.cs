namespace Tx.Messaging.Producing;

/// <summary>
/// Produces messages to topics. Implemented by the in-process transport (the default) and by
/// Tx.Messaging.Kafka. Register with <c>services.AddTxMessaging()</c>; thread-safe, use it as a singleton.
/// </summary>
public interface IMessageProducer
{
    /// <summary>Produces one message and waits until the transport acknowledged it.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops waiting; the message may still be delivered.</param>
    /// <returns>The partition and offset the message was stored at.</returns>
    /// <exception cref="MessageProduceException">The transport could not store the message.</exception>
    ValueTask<DeliveryResult> ProduceAsync(string topic, OutgoingMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Produces messages in the given order and waits until all are acknowledged. Messages with the
    /// same key keep their relative order.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="messages">The messages.</param>
    /// <param name="cancellationToken">Stops waiting; messages may still be delivered.</param>
    /// <returns>One result per message, in the order given.</returns>
    /// <exception cref="MessageProduceException">The transport could not store a message.</exception>
    ValueTask<IReadOnlyList<DeliveryResult>> ProduceBatchAsync(string topic, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);
}

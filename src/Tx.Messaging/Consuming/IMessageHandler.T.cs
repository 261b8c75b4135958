namespace Tx.Messaging.Consuming;

/// <summary>
/// Handles messages whose value is JSON of <typeparamref name="T"/> (System.Text.Json). A value that
/// cannot be deserialized goes straight to the dead-letter topic, without retries.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <remarks>The rest of the contract is the one of <see cref="IMessageHandler"/>.</remarks>
public interface IMessageHandler<in T>
{
    /// <summary>Handles one message.</summary>
    /// <param name="value">The deserialized payload.</param>
    /// <param name="message">The message it came from (topic, partition, offset, key, headers).</param>
    /// <param name="cancellationToken">Cancelled when the time budget is exceeded or the host stops.</param>
    /// <returns>A task that completes when the message is handled.</returns>
    ValueTask HandleAsync(T value, ConsumedMessage message, CancellationToken cancellationToken);
}

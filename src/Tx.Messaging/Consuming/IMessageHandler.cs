namespace Tx.Messaging.Consuming;

/// <summary>
/// Handles raw messages of a consumer group registered with
/// <c>services.AddTxConsumer&lt;THandler&gt;(topics, groupId)</c>. Resolved from a new DI scope per message.
/// </summary>
/// <remarks>
/// Returning completes the message (its offset is stored). Throwing makes it retried with backoff and
/// then dead-lettered; throwing <see cref="PoisonMessageException"/> dead-letters it at once. Exceeding
/// the time budget (<see cref="ConsumerOptions.HandlerTimeout"/>) cancels the token and counts as a failure.
/// Delivery is at least once: make handlers idempotent.
/// </remarks>
public interface IMessageHandler
{
    /// <summary>Handles one message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancelled when the time budget is exceeded or the host stops.</param>
    /// <returns>A task that completes when the message is handled.</returns>
    ValueTask HandleAsync(ConsumedMessage message, CancellationToken cancellationToken);
}

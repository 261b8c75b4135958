using ReferenceServices.Contracts;
using Tx.Messaging.Consuming;

namespace NotificationService.Application;

/// <summary>The <c>notification-events</c> consumer.</summary>
public sealed class NotificationRequestedHandler(NotificationDispatcher dispatcher) : IMessageHandler<NotificationRequested>
{
    public async ValueTask HandleAsync(NotificationRequested value, ConsumedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrEmpty(value.NotificationId) || string.IsNullOrEmpty(value.UserId) || string.IsNullOrEmpty(value.Channel))
        {
            throw new PoisonMessageException("A notification needs notificationId, userId and channel.");
        }

        await dispatcher.DispatchAsync(value, cancellationToken);
    }
}

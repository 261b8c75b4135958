using NotificationService.Channels;
using NotificationService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Notifications;

namespace NotificationService.Application;

/// <summary>Sends a notification through its channel once and records the delivery. Idempotent by
/// (notification id, channel): a redelivered message whose delivery is already recorded is not sent again.
/// An unknown channel is recorded as FAILED (nothing to retry); a channel that throws is recorded as FAILED and the
/// exception propagates so the consumer retries, then dead-letters.</summary>
public sealed class NotificationDispatcher(IEnumerable<INotificationChannel> channels, DeliveryStore store, TimeProvider time)
{
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Channels => _channels.Keys;

    public async Task<NotificationDeliveryDto> DispatchAsync(NotificationRequested notification, CancellationToken cancellationToken)
    {
        if (await store.FindSentAsync(notification.NotificationId, notification.Channel) is { } done)
        {
            return done;
        }

        if (!_channels.TryGetValue(notification.Channel, out INotificationChannel? channel))
        {
            return await store.RecordAsync(Delivery(notification, "FAILED", null, $"Unknown channel '{notification.Channel}'."));
        }

        string messageId;
        try
        {
            messageId = await channel.SendAsync(notification, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.RecordAsync(Delivery(notification, "FAILED", null, ex.Message));
            throw;
        }

        return await store.RecordAsync(Delivery(notification, "SENT", messageId, null));
    }

    private NotificationDeliveryDto Delivery(NotificationRequested n, string status, string? messageId, string? error) =>
        new($"dlv-{Guid.NewGuid():N}", n.NotificationId, n.UserId, n.Channel, n.Subject, n.Body, n.TransactionId, status, messageId, error, time.GetUtcNow());
}

using ReferenceServices.Contracts;

namespace NotificationService.Channels;

/// <summary>The push channel. Simulated: logs the message and returns a message id; a real one calls a push service (APNs/FCM).</summary>
public sealed partial class PushChannel(ILogger<PushChannel> logger) : INotificationChannel
{
    public string Name => "push";

    public ValueTask<string> SendAsync(NotificationRequested notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Sent(logger, notification.UserId, notification.Subject);
        return ValueTask.FromResult($"push-{Guid.NewGuid():N}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "push to {UserId}: {Subject}")]
    private static partial void Sent(ILogger logger, string userId, string subject);
}

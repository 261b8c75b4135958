using ReferenceServices.Contracts;

namespace NotificationService.Channels;

/// <summary>The sms channel. Simulated: logs the message and returns a message id; a real one calls an SMS gateway.</summary>
public sealed partial class SmsChannel(ILogger<SmsChannel> logger) : INotificationChannel
{
    public string Name => "sms";

    public ValueTask<string> SendAsync(NotificationRequested notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Sent(logger, notification.UserId, notification.Subject);
        return ValueTask.FromResult($"sms-{Guid.NewGuid():N}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "sms to {UserId}: {Subject}")]
    private static partial void Sent(ILogger logger, string userId, string subject);
}

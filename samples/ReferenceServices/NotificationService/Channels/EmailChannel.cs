using ReferenceServices.Contracts;

namespace NotificationService.Channels;

/// <summary>The email channel. Simulated: logs the message and returns a message id; a real one calls an SMTP relay or an email API.</summary>
public sealed partial class EmailChannel(ILogger<EmailChannel> logger) : INotificationChannel
{
    public string Name => "email";

    public ValueTask<string> SendAsync(NotificationRequested notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Sent(logger, notification.UserId, notification.Subject);
        return ValueTask.FromResult($"email-{Guid.NewGuid():N}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "email to {UserId}: {Subject}")]
    private static partial void Sent(ILogger logger, string userId, string subject);
}

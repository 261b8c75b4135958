using ReferenceServices.Contracts;

namespace NotificationService.Channels;

/// <summary>A delivery channel (email, SMS, push). Returns the provider's message id; throws when delivery fails.</summary>
public interface INotificationChannel
{
    /// <summary>The channel name used in <see cref="NotificationRequested.Channel"/>.</summary>
    string Name { get; }

    ValueTask<string> SendAsync(NotificationRequested notification, CancellationToken cancellationToken);
}

namespace ReferenceServices.Contracts.Notifications;

/// <summary>One delivery attempt of a notification through a channel (SENT or FAILED).</summary>
public sealed record NotificationDeliveryDto(
    string Id,
    string NotificationId,
    string UserId,
    string Channel,
    string Subject,
    string Body,
    string? TransactionId,
    string Status,
    string? ProviderMessageId,
    string? Error,
    DateTimeOffset DeliveredAt);

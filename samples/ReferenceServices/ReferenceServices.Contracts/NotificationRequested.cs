namespace ReferenceServices.Contracts;

/// <summary>Published on <c>notification-events</c>: tell a user something through a channel.</summary>
public sealed record NotificationRequested(string NotificationId, string UserId, string Channel, string Subject, string Body, string? TransactionId);

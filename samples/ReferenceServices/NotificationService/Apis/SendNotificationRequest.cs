namespace NotificationService.Apis;

/// <summary>Body of <c>POST /notifications</c>.</summary>
public sealed record SendNotificationRequest(string? UserId, string? Channel, string? Subject, string? Body, string? TransactionId = null);

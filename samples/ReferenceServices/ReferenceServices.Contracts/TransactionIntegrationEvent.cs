namespace ReferenceServices.Contracts;

/// <summary>What the transaction service publishes on <c>transaction-events</c> for each stored event.</summary>
public sealed record TransactionIntegrationEvent(
    string EventType,
    string TransactionId,
    string UserId,
    string TransactionType,
    decimal Amount,
    string Currency,
    string Status,
    string? Reason,
    long StreamVersion,
    long Position,
    DateTimeOffset OccurredAt);

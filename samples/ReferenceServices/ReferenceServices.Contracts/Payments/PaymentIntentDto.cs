namespace ReferenceServices.Contracts.Payments;

/// <summary>A payment intent and where it stands (<see cref="PaymentStatuses"/>).</summary>
public sealed record PaymentIntentDto(
    string Id,
    string UserId,
    string AccountId,
    decimal Amount,
    string Currency,
    string Status,
    string? FailureReason,
    string? ProviderReference,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

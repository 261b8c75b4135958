namespace ReferenceServices.Contracts;

public sealed record TransactionDto(
    string Id,
    string UserId,
    string Type,
    decimal Amount,
    string Currency,
    string? FromAccount,
    string? ToAccount,
    string Status,
    string? FailureReason,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

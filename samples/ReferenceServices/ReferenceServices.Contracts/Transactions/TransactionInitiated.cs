namespace ReferenceServices.Contracts.Transactions;

public sealed record TransactionInitiated(string TransactionId, string UserId, string Type, decimal Amount, string Currency, string? FromAccount, string? ToAccount, string? Description, DateTimeOffset At);

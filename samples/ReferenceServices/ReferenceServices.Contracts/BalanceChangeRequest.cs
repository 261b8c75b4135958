namespace ReferenceServices.Contracts;

/// <summary>A debit or credit; idempotent by <see cref="TransactionId"/> per account and direction.</summary>
public sealed record BalanceChangeRequest(string? TransactionId, decimal? Amount);

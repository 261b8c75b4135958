namespace ReferenceServices.Contracts.Transactions;

public sealed record TransactionFailed(string Reason, DateTimeOffset At);

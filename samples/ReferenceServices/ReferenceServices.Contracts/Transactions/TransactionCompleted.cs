namespace ReferenceServices.Contracts.Transactions;

public sealed record TransactionCompleted(DateTimeOffset At);

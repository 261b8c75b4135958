namespace ReferenceServices.Contracts.Transactions;

public sealed record DebitRefunded(string AccountId, decimal Amount, DateTimeOffset At);

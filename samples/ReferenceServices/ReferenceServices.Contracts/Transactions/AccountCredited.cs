namespace ReferenceServices.Contracts.Transactions;

public sealed record AccountCredited(string AccountId, decimal Amount, DateTimeOffset At);

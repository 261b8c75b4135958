namespace ReferenceServices.Contracts.Transactions;

public sealed record AccountDebited(string AccountId, decimal Amount, DateTimeOffset At);

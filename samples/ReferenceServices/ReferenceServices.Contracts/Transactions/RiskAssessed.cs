namespace ReferenceServices.Contracts.Transactions;

public sealed record RiskAssessed(int Score, string Decision, DateTimeOffset At);

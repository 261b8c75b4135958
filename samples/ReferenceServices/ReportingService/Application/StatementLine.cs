namespace ReportingService.Application;

/// <summary>One ledger entry of a statement with the running balance after it.</summary>
public sealed record StatementLine(DateTimeOffset At, string TransactionId, string Description, decimal? Debit, decimal? Credit, decimal Balance);

namespace SettlementService.Application;

/// <summary><see cref="Status"/> is <c>CLEAN</c> or <c>MISMATCHES</c>.</summary>
public sealed record ReconciliationReport(string Status, int TransactionsChecked, int AccountsChecked, IReadOnlyList<ReconciliationMismatch> Mismatches, DateTimeOffset At);

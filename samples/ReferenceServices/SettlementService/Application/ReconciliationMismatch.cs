namespace SettlementService.Application;

/// <summary>One difference: <see cref="Kind"/> names the check (e.g. <c>missing-ledger-entry</c>, <c>balance-mismatch</c>).</summary>
public sealed record ReconciliationMismatch(string Kind, string? TransactionId, string? AccountId, string Expected, string Actual);

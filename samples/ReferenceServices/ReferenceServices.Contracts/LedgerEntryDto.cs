namespace ReferenceServices.Contracts;

/// <summary>One balance change of an account: <c>debit</c> or <c>credit</c>, by transaction id (an account's opening
/// balance is a credit with transaction id <c>opening</c>).</summary>
public sealed record LedgerEntryDto(string TransactionId, string Direction, decimal Amount, DateTimeOffset At);

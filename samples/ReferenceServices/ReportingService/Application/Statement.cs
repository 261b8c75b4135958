namespace ReportingService.Application;

/// <summary>An account statement for [<see cref="From"/>, <see cref="To"/>): opening balance, the entries, closing balance.</summary>
public sealed record Statement(
    string AccountId,
    string UserId,
    string Currency,
    DateTimeOffset From,
    DateTimeOffset To,
    decimal OpeningBalance,
    decimal TotalCredits,
    decimal TotalDebits,
    decimal ClosingBalance,
    IReadOnlyList<StatementLine> Lines);

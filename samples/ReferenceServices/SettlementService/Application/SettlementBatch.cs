namespace SettlementService.Application;

/// <summary>A settlement batch: the completed transactions of [<see cref="PeriodStart"/>, <see cref="PeriodEnd"/>) not
/// settled before, totals per currency, and the reconciliation run when the batch was made.</summary>
public sealed record SettlementBatch(
    string Id,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset CreatedAt,
    int TransactionCount,
    IReadOnlyList<CurrencyTotal> Totals,
    IReadOnlyList<string> TransactionIds,
    ReconciliationReport Reconciliation);

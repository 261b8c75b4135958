namespace ReportingService.Application;

/// <summary>The transactions whose last change happened on <see cref="Date"/> (UTC), per currency.</summary>
public sealed record DailySummary(DateOnly Date, int Transactions, int Completed, int Failed, int Pending, IReadOnlyList<DailyCurrencySummary> Currencies);

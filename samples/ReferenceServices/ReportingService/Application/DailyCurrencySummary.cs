namespace ReportingService.Application;

/// <summary>One currency's day: counts by final status and type, and the completed volume.</summary>
public sealed record DailyCurrencySummary(string Currency, int Completed, int Failed, int Pending, decimal CompletedVolume, int Transfers, int Deposits, int Withdrawals);

namespace ReportingService.Infrastructure;

public sealed record ReportedTransaction(string Id, string UserId, string Type, decimal Amount, string Currency, string Status, long Version, DateTimeOffset UpdatedAt);

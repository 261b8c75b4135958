namespace SettlementService.Infrastructure;

/// <summary>A completed transaction and the batch that settled it (null until then).</summary>
public sealed record SettleableTransaction(string Id, string UserId, string Type, decimal Amount, string Currency, DateTimeOffset CompletedAt, string? BatchId);

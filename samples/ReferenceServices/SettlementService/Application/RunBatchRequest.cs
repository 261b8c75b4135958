namespace SettlementService.Application;

/// <summary>The period to settle: completed transactions with <c>from</c> ≤ completion time &lt; <c>to</c>.</summary>
public sealed record RunBatchRequest(DateTimeOffset? From, DateTimeOffset? To);

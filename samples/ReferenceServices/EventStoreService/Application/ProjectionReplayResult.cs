namespace EventStoreService.Application;

/// <summary>What a replay folded: from which position, up to which, how many events, and the rebuilt status counts.</summary>
public sealed record ProjectionReplayResult(long AfterPosition, long Position, long EventCount, int Transactions, IReadOnlyDictionary<string, int> StatusCounts);

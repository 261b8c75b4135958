namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>The benchmark event (about 80 bytes of JSON), the same type for every store.</summary>
public sealed record AccountDebited(string TransactionId, string AccountId, decimal Amount);

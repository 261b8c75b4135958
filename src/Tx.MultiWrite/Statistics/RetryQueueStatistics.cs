using System.Text.Json.Serialization;

namespace Tx.MultiWrite.Statistics;

/// <summary>The retry queue, read from the ledger.</summary>
/// <param name="Depth">Legs waiting to be written.</param>
/// <param name="Compensating">Legs waiting for a tombstone.</param>
/// <param name="DeadLetters">Legs whose retries were exhausted.</param>
public sealed record RetryQueueStatistics(
    [property: JsonPropertyName("depth")] long Depth,
    [property: JsonPropertyName("compensating")] long Compensating,
    [property: JsonPropertyName("deadLetters")] long DeadLetters);

using System.Text.Json.Serialization;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Statistics;

/// <summary>The statistics behind a <c>/metrics</c> endpoint, in the guide's shape (<c>database</c>, <c>dualWriter</c>) plus the retry queue.</summary>
/// <param name="Database">Connection-pool figures by target.</param>
/// <param name="DualWriter">Breaker state and failure rate by target.</param>
/// <param name="RetryQueue">The retry queue.</param>
public sealed record MultiWriteStatistics(
    [property: JsonPropertyName("database")] IReadOnlyDictionary<string, PoolStatistics> Database,
    [property: JsonPropertyName("dualWriter")] IReadOnlyDictionary<string, LegStatistics> DualWriter,
    [property: JsonPropertyName("retryQueue")] RetryQueueStatistics RetryQueue);

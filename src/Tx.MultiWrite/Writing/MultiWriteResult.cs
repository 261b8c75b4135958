using System.Text.Json.Serialization;
using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.Writing;

/// <summary>
/// The outcome of <see cref="IMultiWriter.WriteAsync"/>, in the guide's shape
/// (<c>{ writeId, succeeded[], failed[], timestamp }</c>). Returned only after the intent is durable: pending
/// legs are finished by the retry worker.
/// </summary>
/// <param name="WriteId">The write id.</param>
/// <param name="Succeeded">Legs that hold the record.</param>
/// <param name="Failed">Legs that do not (yet).</param>
/// <param name="Timestamp">When the write was accepted.</param>
/// <param name="Status">The overall status.</param>
public sealed record MultiWriteResult(
    [property: JsonPropertyName("writeId")] Guid WriteId,
    [property: JsonPropertyName("succeeded")] IReadOnlyList<LegSuccess> Succeeded,
    [property: JsonPropertyName("failed")] IReadOnlyList<LegFailure> Failed,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("status")] IntentStatus Status)
{
    /// <summary>Gets a value indicating whether the result was read back from an earlier write with the same id.</summary>
    [JsonPropertyName("replayed")]
    public bool Replayed { get; init; }
}

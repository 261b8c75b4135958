using System.Text.Json.Serialization;

namespace Tx.MultiWrite.Targets;

/// <summary>
/// Connection-pool figures in the guide's <c>/metrics</c> shape. Each client exposes different figures;
/// those it does not expose are <see langword="null"/> (and left out of the JSON).
/// </summary>
public sealed record PoolStatistics
{
    /// <summary>Gets the current number of connections.</summary>
    [JsonPropertyName("size")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Size { get; init; }

    /// <summary>Gets the number of idle connections.</summary>
    [JsonPropertyName("available")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Available { get; init; }

    /// <summary>Gets the number of connections in use (for clients without pool figures: operations in flight).</summary>
    [JsonPropertyName("borrowed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Borrowed { get; init; }

    /// <summary>Gets the number of callers waiting for a connection.</summary>
    [JsonPropertyName("pending")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Pending { get; init; }

    /// <summary>Gets the pool's maximum size.</summary>
    [JsonPropertyName("max")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Max { get; init; }

    /// <summary>Gets the pool's minimum size.</summary>
    [JsonPropertyName("min")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Min { get; init; }

    /// <summary>Gets whether the client is connected (MongoDB).</summary>
    [JsonPropertyName("connected")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Connected { get; init; }
}

using System.Text.Json.Serialization;
using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.Writing;

/// <summary>A leg that does not hold the record yet, or will not (the guide's <c>{ database, error }</c>).</summary>
/// <param name="Database">The target name.</param>
/// <param name="Error">The error, for example <c>Timeout</c>.</param>
/// <param name="State">The leg's state: <see cref="LegState.Pending"/> legs are retried by the worker.</param>
public sealed record LegFailure(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("state")] LegState State);

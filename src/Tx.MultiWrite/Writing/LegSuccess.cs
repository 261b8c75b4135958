using System.Text.Json.Serialization;

namespace Tx.MultiWrite.Writing;

/// <summary>A leg that holds the record (the guide's <c>{ database, result }</c>).</summary>
/// <param name="Database">The target name.</param>
/// <param name="Result">What happened: <c>written</c>, <c>already-present</c> or <c>recorded</c> (from the ledger).</param>
public sealed record LegSuccess(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("result")] string Result);

using System.Text.Json.Serialization;

namespace Tx.MultiWrite.Statistics;

/// <summary>One leg's breaker in the guide's shape (<c>{ "state": "CLOSED", "failureRate": 0.5 }</c>).</summary>
/// <param name="State">The breaker state: <c>CLOSED</c>, <c>OPEN</c>, <c>HALF_OPEN</c> or <c>ISOLATED</c>.</param>
/// <param name="FailureRate">The failure rate in the current sampling window, in percent.</param>
/// <param name="InFlight">Attempts running now.</param>
public sealed record LegStatistics(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("failureRate")] double FailureRate,
    [property: JsonPropertyName("inFlight")] int InFlight);

namespace Tx.Resilience.CircuitBreaking;

/// <summary>Conversions of <see cref="CircuitState"/>.</summary>
public static class CircuitStateExtensions
{
    /// <summary>
    /// Returns the upper-case name used on the wire (health and metrics endpoints):
    /// <c>CLOSED</c>, <c>OPEN</c>, <c>HALF_OPEN</c> or <c>ISOLATED</c>.
    /// </summary>
    /// <param name="state">The state.</param>
    /// <returns>The wire name; a cached string, so the call does not allocate.</returns>
    public static string ToWireName(this CircuitState state) => state switch
    {
        CircuitState.Closed => "CLOSED",
        CircuitState.Open => "OPEN",
        CircuitState.HalfOpen => "HALF_OPEN",
        CircuitState.Isolated => "ISOLATED",
        _ => "UNKNOWN",
    };
}

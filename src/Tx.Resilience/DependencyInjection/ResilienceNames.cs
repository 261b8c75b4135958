namespace Tx.Resilience;

/// <summary>The names registered per kind, collected through the options system so that repeated registration is harmless.</summary>
internal sealed class ResilienceNames
{
    public HashSet<string> CircuitBreakers { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Retries { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Bulkheads { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Timeouts { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Pipelines { get; } = new(StringComparer.Ordinal);
}

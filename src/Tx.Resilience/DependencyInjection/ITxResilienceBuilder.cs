using Microsoft.Extensions.DependencyInjection;

namespace Tx.Resilience;

/// <summary>
/// Returned by <c>AddTxResilience</c>; resilience features (breakers, retries, limiters, bulkheads,
/// timeouts, pipelines) and provider packages such as Tx.Resilience.Redis extend it.
/// </summary>
public interface ITxResilienceBuilder
{
    /// <summary>Gets the service collection the resilience services are registered in.</summary>
    IServiceCollection Services { get; }
}

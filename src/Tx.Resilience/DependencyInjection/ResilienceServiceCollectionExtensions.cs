using Microsoft.Extensions.DependencyInjection.Extensions;
using Tx.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tx.Resilience in an <see cref="IServiceCollection"/>.</summary>
public static class ResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Tx.Resilience services: <see cref="TimeProvider"/> (unless one is registered),
    /// metrics, and the builder that named resilience instances are added to.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add named breakers, retries, limiters, bulkheads and pipelines to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddTxResilience(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        return new TxResilienceBuilder(services);
    }
}

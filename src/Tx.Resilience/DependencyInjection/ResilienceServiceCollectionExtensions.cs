using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.Resilience;
using Tx.Resilience.Telemetry;

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
        services.TryAddSingleton<ResilienceMetrics>();
        services.TryAddSingleton(static sp => new ResilienceTelemetry(
            sp.GetRequiredService<ResilienceMetrics>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Tx.Resilience") ?? NullLogger.Instance));
        services.TryAddSingleton(static sp => new ResilienceRegistry(sp, sp.GetRequiredService<IOptions<ResilienceNames>>()));
        return new TxResilienceBuilder(services);
    }

    /// <summary>
    /// Adds the Tx.Resilience services and registers every named instance found in <paramref name="configuration"/>
    /// (for example the section <c>Tx:Resilience</c>), whose children are <c>CircuitBreakers</c>, <c>Retries</c>,
    /// <c>Bulkheads</c>, <c>Timeouts</c> and <c>Pipelines</c>, each a map from name to options:
    /// <c>"Tx": { "Resilience": { "CircuitBreakers": { "payments": { "FailureRatio": 0.5 } } } }</c>.
    /// Options are validated at start-up; an invalid value fails the host with a message naming the option.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <returns>A builder to add more named instances to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddTxResilience(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ITxResilienceBuilder builder = services.AddTxResilience();
        foreach (IConfigurationSection section in configuration.GetSection("CircuitBreakers").GetChildren())
        {
            builder.AddCircuitBreaker(section.Key).Services.AddOptions<Tx.Resilience.CircuitBreaking.CircuitBreakerOptions>(section.Key).Bind(section);
        }

        foreach (IConfigurationSection section in configuration.GetSection("Retries").GetChildren())
        {
            builder.AddRetry(section.Key).Services.AddOptions<Tx.Resilience.Retry.RetryOptions>(section.Key).Bind(section);
        }

        foreach (IConfigurationSection section in configuration.GetSection("Bulkheads").GetChildren())
        {
            builder.AddBulkhead(section.Key).Services.AddOptions<Tx.Resilience.Bulkheads.BulkheadOptions>(section.Key).Bind(section);
        }

        foreach (IConfigurationSection section in configuration.GetSection("Timeouts").GetChildren())
        {
            builder.AddTimeout(section.Key).Services.AddOptions<Tx.Resilience.Timeouts.TimeoutOptions>(section.Key).Bind(section);
        }

        foreach (IConfigurationSection section in configuration.GetSection("Pipelines").GetChildren())
        {
            builder.AddPipeline(section.Key).Services.AddOptions<Tx.Resilience.Pipeline.ResiliencePipelineOptions>(section.Key).Bind(section);
        }

        return builder;
    }
}

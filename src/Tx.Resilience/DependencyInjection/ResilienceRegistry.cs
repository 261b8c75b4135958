using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Pipeline;
using Tx.Resilience.Retry;
using Tx.Resilience.Timeouts;

namespace Tx.Resilience;

/// <summary>
/// Resolves the named instances registered with <c>AddTxResilience()</c> and lists them, for example to report every
/// breaker's state and every bulkhead's statistics on a health endpoint. Each instance is also a keyed singleton:
/// <c>[FromKeyedServices("payments")] CircuitBreaker breaker</c>.
/// </summary>
public sealed class ResilienceRegistry
{
    private readonly IServiceProvider _services;
    private readonly ResilienceNames _names;

    internal ResilienceRegistry(IServiceProvider services, IOptions<ResilienceNames> names)
    {
        _services = services;
        _names = names.Value;
    }

    /// <summary>Gets the names of the registered circuit breakers.</summary>
    public IReadOnlyCollection<string> CircuitBreakerNames => _names.CircuitBreakers;

    /// <summary>Gets the names of the registered retries.</summary>
    public IReadOnlyCollection<string> RetryNames => _names.Retries;

    /// <summary>Gets the names of the registered bulkheads.</summary>
    public IReadOnlyCollection<string> BulkheadNames => _names.Bulkheads;

    /// <summary>Gets the names of the registered timeouts.</summary>
    public IReadOnlyCollection<string> TimeoutNames => _names.Timeouts;

    /// <summary>Gets the names of the registered pipelines.</summary>
    public IReadOnlyCollection<string> PipelineNames => _names.Pipelines;

    /// <summary>Gets a registered circuit breaker.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The breaker (a singleton).</returns>
    /// <exception cref="InvalidOperationException">No breaker has that name.</exception>
    public CircuitBreaker GetCircuitBreaker(string name) => Get<CircuitBreaker>(_names.CircuitBreakers, name, "circuit breaker");

    /// <summary>Gets a registered retry.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The retry strategy (a singleton).</returns>
    /// <exception cref="InvalidOperationException">No retry has that name.</exception>
    public RetryStrategy GetRetry(string name) => Get<RetryStrategy>(_names.Retries, name, "retry");

    /// <summary>Gets a registered bulkhead.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The bulkhead (a singleton).</returns>
    /// <exception cref="InvalidOperationException">No bulkhead has that name.</exception>
    public Bulkhead GetBulkhead(string name) => Get<Bulkhead>(_names.Bulkheads, name, "bulkhead");

    /// <summary>Gets a registered timeout.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The timeout strategy (a singleton).</returns>
    /// <exception cref="InvalidOperationException">No timeout has that name.</exception>
    public TimeoutStrategy GetTimeout(string name) => Get<TimeoutStrategy>(_names.Timeouts, name, "timeout");

    /// <summary>Gets a registered pipeline.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The pipeline (a singleton).</returns>
    /// <exception cref="InvalidOperationException">No pipeline has that name.</exception>
    public ResiliencePipeline GetPipeline(string name) => Get<ResiliencePipeline>(_names.Pipelines, name, "pipeline");

    /// <summary>Takes a snapshot of every registered breaker.</summary>
    /// <returns>One snapshot per breaker, by name.</returns>
    public IReadOnlyList<CircuitBreakerSnapshot> GetCircuitBreakerSnapshots() =>
        [.. _names.CircuitBreakers.Order(StringComparer.Ordinal).Select(n => GetCircuitBreaker(n).GetSnapshot())];

    /// <summary>Reads the statistics of every registered bulkhead.</summary>
    /// <returns>One entry per bulkhead, by name.</returns>
    public IReadOnlyList<BulkheadStatistics> GetBulkheadStatistics() =>
        [.. _names.Bulkheads.Order(StringComparer.Ordinal).Select(n => GetBulkhead(n).GetStatistics())];

    private T Get<T>(HashSet<string> names, string name, string kind)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!names.Contains(name))
        {
            throw new InvalidOperationException($"No {kind} named '{name}' is registered. Registered: {string.Join(", ", names)}.");
        }

        return _services.GetRequiredKeyedService<T>(name);
    }
}

using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;

namespace ApiGateway.Resilience;

/// <summary>A Tx.Resilience circuit breaker and bulkhead ("&lt;service&gt;-pool") per routed service.</summary>
public sealed class ServiceGuards
{
    public ServiceGuards(IEnumerable<string> services, GatewayOptions options, TimeProvider time)
    {
        All = services.ToDictionary(s => s, s => Create(s, options, time), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, ServiceGuard> All { get; }

    private static ServiceGuard Create(string s, GatewayOptions options, TimeProvider time)
    {
        BreakerTransitions transitions = new();
        return new ServiceGuard(
            s,
            new CircuitBreaker(s, new CircuitBreakerOptions
            {
                FailureRatio = options.FailureRatio,
                SamplingDuration = options.SamplingDuration,
                MinimumThroughput = options.MinimumThroughput,
                BreakDuration = options.BreakDuration,
                OnStateChanged = transitions.OnStateChanged,
            }, time),
            new Bulkhead($"{s}-pool", new BulkheadOptions
            {
                MaxConcurrency = options.MaxConcurrency,
                MaxQueueLength = options.MaxQueueLength,
                QueueTimeout = options.QueueTimeout,
            }, time),
            transitions);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Telemetry;

/// <summary>The package's instruments on the <c>Tx.Resilience</c> meter.</summary>
internal sealed class ResilienceMetrics : IDisposable
{
    public const string MeterName = "Tx.Resilience";
    public const string NameTag = "tx.resilience.name";
    public const string KindTag = "tx.resilience.kind";
    public const string CircuitBreakerKind = "circuit_breaker";
    public const string BulkheadKind = "bulkhead";
    public const string RateLimiterKind = "rate_limiter";
    public const string TimeoutKind = "timeout";

    private readonly Meter _meter;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _retryAttempts;
    private readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new();
    private readonly ConcurrentDictionary<string, IBulkheadStatisticsSource> _bulkheads = new();

    public ResilienceMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge(
            CircuitBreakerConstants.StateInstrument,
            ObserveBreakerStates,
            unit: "{state}",
            description: "Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 isolated.");
        _transitions = _meter.CreateCounter<long>(
            CircuitBreakerConstants.TransitionsInstrument,
            unit: "{transition}",
            description: "Circuit breaker state changes.");
        _rejections = _meter.CreateCounter<long>(
            "tx.resilience.rejections",
            unit: "{call}",
            description: "Calls rejected without running (open circuit, full bulkhead, queue timeout, rate limit, timeout).");
        _retryAttempts = _meter.CreateCounter<long>(
            "tx.resilience.retry.attempts",
            unit: "{attempt}",
            description: "Retry attempts scheduled after a failure.");
        _meter.CreateObservableUpDownCounter(
            "tx.resilience.bulkhead.active",
            () => ObserveBulkheads(queued: false),
            unit: "{call}",
            description: "Calls running inside a bulkhead.");
        _meter.CreateObservableUpDownCounter(
            "tx.resilience.bulkhead.queued",
            () => ObserveBulkheads(queued: true),
            unit: "{call}",
            description: "Calls waiting in a bulkhead's queue.");
    }

    public void Register(CircuitBreaker breaker) => _breakers[breaker.Name] = breaker;

    public void Register(IBulkheadStatisticsSource bulkhead) => _bulkheads[bulkhead.Name] = bulkhead;

    public void RecordTransition(string name, CircuitState from, CircuitState to)
    {
        if (_transitions.Enabled)
        {
            _transitions.Add(
                1,
                new KeyValuePair<string, object?>(NameTag, name),
                new KeyValuePair<string, object?>("tx.resilience.circuit_breaker.from", from.ToWireName()),
                new KeyValuePair<string, object?>("tx.resilience.circuit_breaker.to", to.ToWireName()));
        }
    }

    public void RecordRejection(string name, string kind)
    {
        if (_rejections.Enabled)
        {
            RecordRejectionCore(name, kind);
        }
    }

    public void RecordRetry(string name, int attempt)
    {
        if (_retryAttempts.Enabled)
        {
            _retryAttempts.Add(1, new KeyValuePair<string, object?>(NameTag, name), new KeyValuePair<string, object?>("tx.resilience.retry.attempt", attempt));
        }
    }

    public void Dispose() => _meter.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordRejectionCore(string name, string kind) =>
        _rejections.Add(1, new KeyValuePair<string, object?>(NameTag, name), new KeyValuePair<string, object?>(KindTag, kind));

    private IEnumerable<Measurement<int>> ObserveBreakerStates()
    {
        foreach (KeyValuePair<string, CircuitBreaker> pair in _breakers)
        {
            yield return new Measurement<int>((int)pair.Value.State, new KeyValuePair<string, object?>(NameTag, pair.Key));
        }
    }

    private IEnumerable<Measurement<long>> ObserveBulkheads(bool queued)
    {
        foreach (KeyValuePair<string, IBulkheadStatisticsSource> pair in _bulkheads)
        {
            long value = queued ? pair.Value.QueuedCount : pair.Value.ActiveCount;
            yield return new Measurement<long>(value, new KeyValuePair<string, object?>(NameTag, pair.Key));
        }
    }
}

using System.Threading.RateLimiting;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Retry;
using Tx.Resilience.Telemetry;
using Tx.Resilience.Timeouts;

namespace Tx.Resilience.Pipeline;

/// <summary>
/// Builds a <see cref="ResiliencePipeline"/>. Each strategy may be added once, in any order; the pipeline always runs them as
/// rate limiter → timeout → retry → circuit breaker → bulkhead (see <see cref="ResiliencePipeline"/> for why).
/// </summary>
public sealed class ResiliencePipelineBuilder
{
    private RateLimiter? _rateLimiter;
    private TimeoutStrategy? _timeout;
    private RetryStrategy? _retry;
    private CircuitBreaker? _breaker;
    private Bulkhead? _bulkhead;

    /// <summary>Initializes a new instance of the <see cref="ResiliencePipelineBuilder"/> class.</summary>
    /// <param name="name">The pipeline's name; strategies created from options by this builder get the same name.</param>
    /// <param name="timeProvider">The clock for strategies created from options; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    public ResiliencePipelineBuilder(string name, TimeProvider? timeProvider = null)
        : this(name, timeProvider ?? TimeProvider.System, ResilienceTelemetry.None)
    {
    }

    internal ResiliencePipelineBuilder(string name, TimeProvider timeProvider, ResilienceTelemetry telemetry)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        TimeProvider = timeProvider;
        Telemetry = telemetry;
    }

    /// <summary>Gets the pipeline's name.</summary>
    public string Name { get; }

    /// <summary>Gets the clock used by strategies created from options.</summary>
    public TimeProvider TimeProvider { get; }

    internal ResilienceTelemetry Telemetry { get; }

    /// <summary>Adds a rate limiter (any <see cref="System.Threading.RateLimiting.RateLimiter"/>, for example a sliding-window limiter).</summary>
    /// <param name="rateLimiter">The limiter; the pipeline does not own or dispose it.</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddRateLimiter(RateLimiter rateLimiter)
    {
        ArgumentNullException.ThrowIfNull(rateLimiter);
        EnsureUnset(_rateLimiter);
        _rateLimiter = rateLimiter;
        return this;
    }

    /// <summary>Adds a timeout that bounds the whole call, retries included.</summary>
    /// <param name="timeout">The timeout strategy.</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddTimeout(TimeoutStrategy timeout)
    {
        ArgumentNullException.ThrowIfNull(timeout);
        EnsureUnset(_timeout);
        _timeout = timeout;
        return this;
    }

    /// <summary>Adds a timeout that bounds the whole call, retries included.</summary>
    /// <param name="timeout">The timeout.</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddTimeout(TimeSpan timeout) =>
        AddTimeout(new TimeoutStrategy(Name, new TimeoutOptions { Timeout = timeout }, TimeProvider, Telemetry));

    /// <summary>Adds a retry strategy.</summary>
    /// <param name="retry">The retry strategy.</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddRetry(RetryStrategy retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        EnsureUnset(_retry);
        _retry = retry;
        return this;
    }

    /// <summary>Adds a retry strategy created from <paramref name="options"/>.</summary>
    /// <param name="options">The options; <see langword="null"/> for the guide's defaults.</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddRetry(RetryOptions? options = null) =>
        AddRetry(new RetryStrategy(Name, options ?? new RetryOptions(), TimeProvider, Telemetry, null));

    /// <summary>Adds a circuit breaker. Share one breaker per dependency between all pipelines that call it.</summary>
    /// <param name="breaker">The breaker.</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddCircuitBreaker(CircuitBreaker breaker)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        EnsureUnset(_breaker);
        _breaker = breaker;
        return this;
    }

    /// <summary>Adds a circuit breaker created from <paramref name="options"/>.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (50 % / 30 s).</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddCircuitBreaker(CircuitBreakerOptions? options = null) =>
        AddCircuitBreaker(new CircuitBreaker(Name, options ?? new CircuitBreakerOptions(), TimeProvider, Telemetry));

    /// <summary>Adds a bulkhead. Share one bulkhead per pool between all pipelines that use it.</summary>
    /// <param name="bulkhead">The bulkhead.</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddBulkhead(Bulkhead bulkhead)
    {
        ArgumentNullException.ThrowIfNull(bulkhead);
        EnsureUnset(_bulkhead);
        _bulkhead = bulkhead;
        return this;
    }

    /// <summary>Adds a bulkhead created from <paramref name="options"/>.</summary>
    /// <param name="options">The options; <see langword="null"/> for the guide's defaults (15, queue, 30 s).</param>
    /// <returns>This builder.</returns>
    public ResiliencePipelineBuilder AddBulkhead(BulkheadOptions? options = null) =>
        AddBulkhead(new Bulkhead(Name, options ?? new BulkheadOptions(), TimeProvider, Telemetry));

    /// <summary>Builds the pipeline.</summary>
    /// <returns>The pipeline; keep it and reuse it for every call.</returns>
    public ResiliencePipeline Build() => new(Name, _rateLimiter, _timeout, _retry, _breaker, _bulkhead, Telemetry);

    private static void EnsureUnset(object? current)
    {
        if (current is not null)
        {
            throw new InvalidOperationException("This strategy kind was already added; a pipeline holds at most one of each.");
        }
    }
}

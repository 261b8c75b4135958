using System.ComponentModel.DataAnnotations;

namespace Tx.Resilience.CircuitBreaking;

/// <summary>Options of a <see cref="CircuitBreaker"/>. The defaults reproduce the guide's breaker: 50 % over 30 s, open for 30 s.</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Gets or sets how the closed circuit decides to open.</summary>
    /// <value>The default value is <see cref="CircuitBreakerMode.FailureRatio"/>.</value>
    public CircuitBreakerMode Mode { get; set; } = CircuitBreakerMode.FailureRatio;

    /// <summary>Gets or sets the failure ratio (0..1] at or above which the circuit opens in <see cref="CircuitBreakerMode.FailureRatio"/> mode.</summary>
    /// <value>The default value is 0.5 (50 %).</value>
    [Range(0.001, 1.0)]
    public double FailureRatio { get; set; } = CircuitBreakerConstants.DefaultFailureRatio;

    /// <summary>Gets or sets the minimum number of calls in the sampling window before the failure ratio is considered.</summary>
    /// <value>The default value is 3, so the guide's "success, failure, failure" opens on the third call.</value>
    [Range(1, int.MaxValue)]
    public int MinimumThroughput { get; set; } = CircuitBreakerConstants.DefaultMinimumThroughput;

    /// <summary>Gets or sets the length of the time-based sampling window. It is divided into 10 buckets that expire one at a time.</summary>
    /// <value>The default value is 30 seconds.</value>
#pragma warning disable IL2026 // The [OptionsValidator] source generator validates TimeSpan ranges without reflection.
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan SamplingDuration { get; set; } = CircuitBreakerConstants.DefaultSamplingDuration;

    /// <summary>Gets or sets how many failures in a row open the circuit in <see cref="CircuitBreakerMode.ConsecutiveFailures"/> mode.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, int.MaxValue)]
    public int ConsecutiveFailureThreshold { get; set; } = CircuitBreakerConstants.DefaultConsecutiveFailureThreshold;

    /// <summary>Gets or sets how long the circuit stays open before it admits half-open probes.</summary>
    /// <value>The default value is 30 seconds.</value>
#pragma warning disable IL2026 // The [OptionsValidator] source generator validates TimeSpan ranges without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan BreakDuration { get; set; } = CircuitBreakerConstants.DefaultBreakDuration;

    /// <summary>
    /// Gets or sets an optional function that computes the break duration each time the circuit opens
    /// (for example growing with <see cref="BreakDurationGeneratorArguments.OpenCount"/>). When set it wins over
    /// <see cref="BreakDuration"/>. It runs under the breaker's lock: keep it short and non-blocking.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<BreakDurationGeneratorArguments, TimeSpan>? BreakDurationGenerator { get; set; }

    /// <summary>
    /// Gets or sets how many probe calls the half-open circuit admits. The circuit closes when all of them
    /// succeed and re-opens on the first failure; further calls are rejected meanwhile, under any concurrency.
    /// </summary>
    /// <value>The default value is 1.</value>
    [Range(1, 10_000)]
    public int PermittedHalfOpenProbes { get; set; } = 1;

    /// <summary>
    /// Gets or sets the predicate that decides whether an exception thrown by the operation counts as a failure.
    /// An exception it rejects counts as a success (the dependency answered). When <see langword="null"/>, every
    /// exception counts except the caller's own cancellation and local rejections (bulkhead, rate limiter,
    /// another breaker), which are not counted at all.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<Exception, bool>? ShouldHandle { get; set; }

    /// <summary>
    /// Gets or sets a callback invoked after every state change, outside the breaker's lock. The
    /// <see cref="CircuitBreaker.StateChanged"/> event is raised as well.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<OnCircuitStateChangedArguments, ValueTask>? OnStateChanged { get; set; }
}

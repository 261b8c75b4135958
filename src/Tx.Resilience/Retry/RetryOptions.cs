using System.ComponentModel.DataAnnotations;

namespace Tx.Resilience.Retry;

/// <summary>
/// Options of a <see cref="RetryStrategy"/>: <c>delay = min(MaxDelay, BaseDelay × ExponentialBase^attempt) + jitter</c>.
/// The defaults are the guide's: 3 retries from 1 s, doubling, capped at 30 s, with 0–100 ms of additive jitter.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Gets or sets how many times a failed call is retried (0 disables retries).</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry, before jitter.</summary>
    /// <value>The default value is 1 second.</value>
#pragma warning disable IL2026 // The [OptionsValidator] source generator validates TimeSpan ranges without reflection.
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the cap of the exponential part of the delay.</summary>
    /// <value>The default value is 30 seconds.</value>
#pragma warning disable IL2026 // The [OptionsValidator] source generator validates TimeSpan ranges without reflection.
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the factor the delay grows by with each attempt (1 gives a constant delay).</summary>
    /// <value>The default value is 2.</value>
    [Range(1.0, 100.0)]
    public double ExponentialBase { get; set; } = 2.0;

    /// <summary>Gets or sets the kind of jitter.</summary>
    /// <value>The default value is <see cref="JitterKind.Additive"/>.</value>
    public JitterKind Jitter { get; set; } = JitterKind.Additive;

    /// <summary>Gets or sets the upper bound of <see cref="JitterKind.Additive"/> jitter.</summary>
    /// <value>The default value is 100 milliseconds.</value>
#pragma warning disable IL2026 // The [OptionsValidator] source generator validates TimeSpan ranges without reflection.
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
#pragma warning restore IL2026
    public TimeSpan JitterMax { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Gets or sets a value indicating whether a <see cref="IRetryAfterSource.RetryAfter"/> carried by the failure (a server's
    /// <c>Retry-After</c>) replaces the computed delay, uncapped.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HonorRetryAfter { get; set; } = true;

    /// <summary>
    /// Gets or sets the predicate that decides whether a failure is retried. When <see langword="null"/>, every exception is
    /// retried except rejections and cancellations (see <see cref="RetryRejectedExecutions"/> and <see cref="RetryCanceledOperations"/>),
    /// which the predicate is never even asked about unless those switches are on.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<Exception, bool>? ShouldRetry { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether rejections by an open circuit, a full bulkhead or a rate limiter
    /// (<see cref="ExecutionRejectedException"/> other than a timeout) may be retried. Retrying them blindly makes overload worse.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RetryRejectedExecutions { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an <see cref="OperationCanceledException"/> that the caller did not ask for
    /// (for example an inner client's timeout) may be retried. The caller's own cancellation is never retried.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RetryCanceledOperations { get; set; }

    /// <summary>Gets or sets a callback invoked before each retry waits.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<OnRetryArguments, ValueTask>? OnRetry { get; set; }
}

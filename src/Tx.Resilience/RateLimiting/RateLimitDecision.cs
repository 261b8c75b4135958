namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The outcome of one rate-limit decision, on grants and on rejections alike. A value type: asking for a
/// decision allocates nothing.
/// </summary>
public readonly struct RateLimitDecision
{
    private readonly long _resetAtUtcTicks;
    private readonly long _retryAfterTicks;

    /// <summary>Initializes a new instance of the <see cref="RateLimitDecision"/> struct.</summary>
    /// <param name="isAllowed">Whether the permits were granted.</param>
    /// <param name="limit">The permit limit of the window.</param>
    /// <param name="remaining">The permits still available after this decision.</param>
    /// <param name="resetAt">When the number of available permits next grows.</param>
    /// <param name="retryAfter">How long to wait before the same request can be granted; zero on grants.</param>
    public RateLimitDecision(bool isAllowed, int limit, int remaining, DateTimeOffset resetAt, TimeSpan retryAfter)
        : this(isAllowed, limit, remaining, resetAt.UtcTicks, retryAfter.Ticks)
    {
    }

    // Raw ticks: building a DateTimeOffset on every decision would validate its range for nothing.
    internal RateLimitDecision(bool isAllowed, int limit, int remaining, long resetAtUtcTicks, long retryAfterTicks)
    {
        IsAllowed = isAllowed;
        Limit = limit;
        Remaining = remaining;
        _resetAtUtcTicks = resetAtUtcTicks;
        _retryAfterTicks = retryAfterTicks;
    }

    /// <summary>Gets a value indicating whether the permits were granted.</summary>
    public bool IsAllowed { get; }

    /// <summary>Gets the permit limit of the window.</summary>
    public int Limit { get; }

    /// <summary>Gets the number of permits still available in the window after this decision.</summary>
    public int Remaining { get; }

    /// <summary>
    /// Gets the time (UTC) at which the number of available permits next grows: for the exact log, when the
    /// oldest counted grant leaves the window. Equal to the decision time when the window is empty.
    /// </summary>
    public DateTimeOffset ResetAt => new(_resetAtUtcTicks, TimeSpan.Zero);

    /// <summary>
    /// Gets how long the caller must wait before the same request can be granted (for the exact log, until
    /// enough of the oldest grants have left the window); <see cref="TimeSpan.Zero"/> on grants.
    /// </summary>
    public TimeSpan RetryAfter => new(_retryAfterTicks);
}

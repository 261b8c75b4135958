namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The limiters' time base: monotonic <see cref="TimeSpan"/> ticks since the clock was created, read from a
/// <see cref="TimeProvider"/> timestamp, and mapped to UTC for reset times.
/// </summary>
internal sealed class WindowClock
{
    private readonly TimeProvider _timeProvider;
    private readonly long _originTimestamp;
    private readonly DateTimeOffset _originUtc;

    public WindowClock(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _originTimestamp = timeProvider.GetTimestamp();
        _originUtc = timeProvider.GetUtcNow();
    }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Gets the ticks elapsed since the clock was created; never decreases.</summary>
    public long Now() => _timeProvider.GetElapsedTime(_originTimestamp).Ticks;

    public DateTimeOffset ToUtc(long ticks) => _originUtc.AddTicks(ticks);
}

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The limiters' time base: monotonic <see cref="TimeSpan"/> ticks since the clock was created, and their
/// mapping to UTC for reset times.
/// </summary>
/// <remarks>
/// With <see cref="TimeProvider.System"/> the clock reads <see cref="Environment.TickCount64"/>: on virtual machines
/// a high-resolution timestamp costs 60–80 ns (kvm-clock), more than the whole decision, while the coarse
/// tick costs a few. A coarse reading lags real time by less than <see cref="Resolution"/>, so the exact log
/// stamps grants <see cref="Resolution"/> late: a grant may then expire slightly after one window, never before,
/// and no window ever holds more than the limit. Any other provider (for example FakeTimeProvider) is read
/// exactly, with no skew.
/// </remarks>
internal sealed class WindowClock
{
    private readonly TimeProvider _timeProvider;
    private readonly bool _coarse;
    private readonly long _originTimestamp;
    private readonly long _originUtcTicks;

    public WindowClock(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _coarse = ReferenceEquals(timeProvider, TimeProvider.System);
        _originTimestamp = _coarse ? Environment.TickCount64 : timeProvider.GetTimestamp();
        _originUtcTicks = timeProvider.GetUtcNow().UtcTicks;
        Resolution = _coarse ? (OperatingSystem.IsWindows() ? TimeSpan.FromMilliseconds(16).Ticks : TimeSpan.FromMilliseconds(10).Ticks) : 0;
    }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Gets how far (in ticks) a reading may lag real time; zero for exact providers.</summary>
    public long Resolution { get; }

    /// <summary>Gets the ticks elapsed since the clock was created; never decreases.</summary>
    public long Now() => _coarse
        ? (Environment.TickCount64 - _originTimestamp) * TimeSpan.TicksPerMillisecond
        : _timeProvider.GetElapsedTime(_originTimestamp).Ticks;

    /// <summary>Gets the UTC ticks of a clock reading.</summary>
    public long ToUtcTicks(long ticks) => _originUtcTicks + ticks;

    public DateTimeOffset ToUtc(long ticks) => new(_originUtcTicks + ticks, TimeSpan.Zero);
}

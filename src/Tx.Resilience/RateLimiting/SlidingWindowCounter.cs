namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The approximate sliding-window counter: fixed windows aligned to the clock's origin; the permits in use
/// at t are the current window's count plus the previous window's count weighted by the share of the
/// previous window still inside the sliding window, rounded up (so the estimate never under-counts).
/// </summary>
internal sealed class SlidingWindowCounter : SlidingWindow
{
    private long _windowStart;
    private int _current;
    private int _previous;

    public SlidingWindowCounter(int permitLimit, long windowTicks)
        : base(permitLimit, windowTicks)
    {
    }

    public override long IdleSince(long now)
    {
        Advance(now);
        if (_current > 0 || _previous > 0)
        {
            return -1;
        }

        // Empty since the previous window ended, at the latest.
        return Math.Max(0, _windowStart - WindowTicks);
    }

    protected override int Advance(long now)
    {
        long sinceStart = now - _windowStart;
        if (sinceStart >= WindowTicks)
        {
            // Only a window change pays for the division; every other decision is a subtraction and a compare.
            long start = now - (now % WindowTicks);
            _previous = start - _windowStart == WindowTicks ? _current : 0;
            _current = 0;
            _windowStart = start;
        }
        else if (sinceStart < 0)
        {
            // A caller read the clock before another caller moved the window on: decide at the window's start,
            // which weighs the previous window fully (never under-counts) instead of resetting both counts.
            now = _windowStart;
        }

        long used = _current + Weighted(_previous, _windowStart + WindowTicks - now);
        return (int)Math.Max(0, PermitLimit - used);
    }

    protected override void Record(long now, int permitCount) => _current += permitCount;

    protected override long TicksUntilAvailable(long now, int permitCount, int available)
    {
        if (permitCount <= available)
        {
            return 0;
        }

        long windowEnd = _windowStart + WindowTicks;

        // Still inside the current fixed window: the previous window's weight must fall far enough.
        long budget = (long)PermitLimit - permitCount - _current;
        if (budget >= 0 && _previous > 0)
        {
            long at = windowEnd - (long)Math.Floor((double)budget * WindowTicks / _previous);
            return Math.Max(0, at - now);
        }

        // Otherwise in the next fixed window, where today's count becomes the weighted previous one.
        long nextBudget = (long)PermitLimit - permitCount;
        long atNext = _current == 0
            ? windowEnd
            : windowEnd + WindowTicks - (long)Math.Floor((double)nextBudget * WindowTicks / _current);
        return Math.Max(0, atNext - now);
    }

    // ceil(count × remainingTicks / window): a permit counts until its share of the window has fully slid out.
    private long Weighted(int count, long remainingTicks) =>
        count == 0 ? 0 : (long)Math.Ceiling((double)count * remainingTicks / WindowTicks);
}

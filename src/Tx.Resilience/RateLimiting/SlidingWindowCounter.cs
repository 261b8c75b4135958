using System.Numerics;
using System.Runtime.CompilerServices;

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

    // The previous window's weighted count and the instant it next drops by one. Between drops the weighted count
    // is constant, so most decisions read it instead of dividing; the drop instant is also when a full window next
    // frees a permit, the reset time of nearly every decision.
    private long _weighted;
    private long _weightedUntil = long.MinValue;

    // The last answer of AvailableAt and what it was asked with.
    private long _lastAvailableAt;
    private long _lastWindowStart = long.MinValue;
    private int _lastCurrent;
    private int _lastPermits;

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
            _weightedUntil = long.MinValue;
        }
        else if (sinceStart < 0)
        {
            // A caller read the clock before another caller moved the window on: decide at the window's start,
            // which weighs the previous window fully (never under-counts) instead of resetting both counts.
            return (int)Math.Max(0, PermitLimit - ((long)_current + _previous));
        }

        if (now >= _weightedUntil)
        {
            RefreshWeighted(now);
        }

        long used = _current + _weighted;
        return (int)Math.Max(0, PermitLimit - used);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected override void Record(long now, int permitCount) => _current += permitCount;

    protected override long TicksUntilAvailable(long now, int permitCount, int available)
    {
        if (permitCount <= available)
        {
            return 0;
        }

        if (permitCount == available + 1 && _weighted > 0 && now >= _windowStart && PermitLimit - _current - _weighted == available)
        {
            // One permit short of an exact count: it frees up when the weighted count next drops, already known.
            return Math.Max(0, _weightedUntil - now);
        }

        // The instant depends only on the window, its counts and the permits wanted: a run of rejections on a full
        // window asks the same question again and again, so the last answer is kept.
        if (permitCount != _lastPermits || _current != _lastCurrent || _windowStart != _lastWindowStart)
        {
            _lastAvailableAt = AvailableAt(permitCount);
            _lastPermits = permitCount;
            _lastCurrent = _current;
            _lastWindowStart = _windowStart;
        }

        return Math.Max(0, _lastAvailableAt - now);
    }

    // ⌊a × b / c⌋ for a, b ≥ 0 and c > 0: exact in integers while a × b fits in a long, else in doubles.
    private static long MultiplyDivideFloor(long a, long b, long c)
    {
        if (FitsInLong(a, b))
        {
            return (long)((ulong)(a * b) / (ulong)c);
        }

        long high = Math.BigMul(a, b, out long low);
        return high == 0 && low >= 0 ? low / c : (long)Math.Floor((double)a * b / c);
    }

    // ⌈a × b / c⌉ for a, b ≥ 0 and c > 0, the same way.
    private static long MultiplyDivideCeiling(long a, long b, long c)
    {
        long high = 0;
        long low;
        if (FitsInLong(a, b))
        {
            low = a * b;
        }
        else
        {
            high = Math.BigMul(a, b, out low);
        }

        if (high != 0 || low < 0)
        {
            return (long)Math.Ceiling((double)a * b / c);
        }

        ulong quotient = (ulong)low / (ulong)c;
        return (long)quotient + ((ulong)low - (quotient * (ulong)c) == 0 ? 0 : 1);
    }

    // Whether a × b (both ≥ 0) stays below 2^63, from the operands' bit lengths alone: the usual case (a count times
    // a window of under 2^32 ticks, or the like) skips the 128-bit product and its spill.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FitsInLong(long a, long b) =>
        BitOperations.LeadingZeroCount((ulong)a) + BitOperations.LeadingZeroCount((ulong)b) >= 65;

    // When permitCount permits are available (assuming no further grants).
    private long AvailableAt(int permitCount)
    {
        long windowEnd = _windowStart + WindowTicks;

        // Still inside the current fixed window: the previous window's weight must fall far enough.
        long budget = (long)PermitLimit - permitCount - _current;
        if (budget >= 0 && _previous > 0)
        {
            return windowEnd - MultiplyDivideFloor(budget, WindowTicks, _previous);
        }

        // Otherwise in the next fixed window, where today's count becomes the weighted previous one.
        long nextBudget = (long)PermitLimit - permitCount;
        return _current == 0
            ? windowEnd
            : windowEnd + WindowTicks - MultiplyDivideFloor(nextBudget, WindowTicks, _current);
    }

    private void RefreshWeighted(long now)
    {
        long windowEnd = _windowStart + WindowTicks;
        long weighted = _previous == 0 ? 0 : MultiplyDivideCeiling(_previous, windowEnd - now, WindowTicks);
        _weighted = weighted;

        // ⌈previous × (end − t) / window⌉ ≤ weighted − 1 from t = end − ⌊(weighted − 1) × window / previous⌋ on;
        // the same expression AvailableAt uses, so both agree to the tick.
        _weightedUntil = weighted == 0
            ? windowEnd
            : windowEnd - MultiplyDivideFloor(weighted - 1, WindowTicks, _previous);
    }
}

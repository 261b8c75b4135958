using System.Diagnostics;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The exact sliding-window log: a ring of (time, permits) entries; an entry granted at t counts while
/// now &lt; t + window. Entries at the same tick are merged, so the ring never holds more than PermitLimit.
/// </summary>
internal sealed class SlidingWindowLog : SlidingWindow
{
    private long[] _times;
    private int[] _counts;
    private int _head;
    private int _size;
    private int _total;
    private readonly long _recordSkew;
    private long _lastRecorded = long.MinValue;

    /// <param name="permitLimit">The permits per window.</param>
    /// <param name="windowTicks">The window length.</param>
    /// <param name="recordSkew">Added to every grant's time: the clock's resolution, so a coarse clock expires grants late, never early.</param>
    /// <param name="initialCapacity">The entries allocated up front.</param>
    public SlidingWindowLog(int permitLimit, long windowTicks, long recordSkew, int initialCapacity = 4)
        : base(permitLimit, windowTicks)
    {
        _recordSkew = recordSkew;
        int capacity = Math.Clamp(initialCapacity, 1, permitLimit);
        _times = new long[capacity];
        _counts = new int[capacity];
    }

    public override long IdleSince(long now)
    {
        Advance(now);
        if (_size > 0)
        {
            return -1;
        }

        return _lastRecorded == long.MinValue ? 0 : _lastRecorded + WindowTicks;
    }

    protected override int Advance(long now)
    {
        long cutoff = now - WindowTicks;
        while (_size > 0 && _times[_head] <= cutoff)
        {
            _total -= _counts[_head];
            _head = _head + 1 == _times.Length ? 0 : _head + 1;
            _size--;
        }

        Debug.Assert(_total >= 0 && _total <= PermitLimit, "The log never counts more than the limit.");
        return PermitLimit - _total;
    }

    protected override void Record(long now, int permitCount)
    {
        now += _recordSkew;

        // The clock is monotonic; guard anyway so the ring stays sorted.
        if (_size > 0 && now <= _lastRecorded)
        {
            _counts[Tail()] += permitCount;
        }
        else
        {
            if (_size == _times.Length)
            {
                Grow();
            }

            int index = _head + _size;
            if (index >= _times.Length)
            {
                index -= _times.Length;
            }

            _times[index] = now;
            _counts[index] = permitCount;
            _size++;
            _lastRecorded = now;
        }

        _total += permitCount;
    }

    protected override long TicksUntilAvailable(long now, int permitCount, int available)
    {
        int needed = permitCount - available;
        if (needed <= 0)
        {
            return 0;
        }

        int freed = 0;
        int index = _head;
        for (int i = 0; i < _size; i++)
        {
            freed += _counts[index];
            if (freed >= needed)
            {
                return _times[index] + WindowTicks - now;
            }

            index = index + 1 == _times.Length ? 0 : index + 1;
        }

        Debug.Fail("permitCount never exceeds PermitLimit, so the log always frees enough.");
        return WindowTicks;
    }

    private int Tail()
    {
        int tail = _head + _size - 1;
        return tail >= _times.Length ? tail - _times.Length : tail;
    }

    private void Grow()
    {
        // Merged entries hold at least one permit each, so PermitLimit entries always suffice.
        int capacity = (int)Math.Min((long)_times.Length * 2, PermitLimit);
        Debug.Assert(capacity > _times.Length, "Growing only happens below the permit limit.");
        var times = new long[capacity];
        var counts = new int[capacity];
        for (int i = 0; i < _size; i++)
        {
            int index = (_head + i) % _times.Length;
            times[i] = _times[index];
            counts[i] = _counts[index];
        }

        _times = times;
        _counts = counts;
        _head = 0;
    }
}

namespace Tx.Resilience.CircuitBreaking;

/// <summary>
/// Time-based sampling window of <see cref="CircuitBreakerConstants.BucketCount"/> buckets. A bucket covers
/// <c>duration / BucketCount</c>; the window is the current bucket and the <c>BucketCount - 1</c> before it.
/// A success inside the current bucket is counted lock-free with one range check and one interlocked increment;
/// starting a new bucket and every failure go through the breaker's lock.
/// </summary>
/// <remarks>
/// On the system clock each bucket also carries a coarse interior: the part of its span that the coarse millisecond
/// tick (<see cref="Environment.TickCount64"/>, a few nanoseconds to read against tens for the precise timestamp on a
/// virtual machine) can vouch for, <c>slack</c> away from both ends. A success whose coarse tick falls inside it
/// belongs to the bucket whatever the precise clock would say, so the hot path never reads the precise clock; near a
/// bucket's edges, and on any other <see cref="TimeProvider"/>, the precise timestamp decides.
/// </remarks>
internal sealed class SamplingWindow
{
    private readonly Bucket?[] _buckets = new Bucket?[CircuitBreakerConstants.BucketCount];
    private readonly long _origin;
    private readonly long _bucketTicks;
    private readonly TimeProvider _timeProvider;
    private readonly bool _coarseClock;
    private Bucket _current;

    /// <param name="timeProvider">The breaker's clock; its timestamps are the window's.</param>
    /// <param name="windowTimestampTicks">The window's span in <paramref name="timeProvider"/>'s timestamp ticks.</param>
    /// <param name="coarseClock">Whether <paramref name="timeProvider"/> is the system clock, so that the coarse tick may vouch for it.</param>
    public SamplingWindow(TimeProvider timeProvider, long windowTimestampTicks, bool coarseClock)
    {
        _timeProvider = timeProvider;
        _coarseClock = coarseClock;
        _origin = timeProvider.GetTimestamp();
        _bucketTicks = Math.Max(1, windowTimestampTicks / CircuitBreakerConstants.BucketCount);
        _current = Bucket.Empty;
    }

    /// <summary>Counts a success by the coarse tick when it falls inside the current bucket's coarse interior.</summary>
    public bool TryRecordSuccessCoarse(long nowMilliseconds)
    {
        Bucket bucket = Volatile.Read(ref _current);
        if (nowMilliseconds >= bucket.CoarseStart && nowMilliseconds < bucket.CoarseEnd)
        {
            Interlocked.Increment(ref bucket.Successes);
            return true;
        }

        return false;
    }

    /// <summary>Counts a success by the precise timestamp when it falls inside the current bucket.</summary>
    public bool TryRecordSuccessFast(long now)
    {
        Bucket bucket = Volatile.Read(ref _current);
        if (now >= bucket.Start && now < bucket.End)
        {
            Interlocked.Increment(ref bucket.Successes);
            return true;
        }

        return false;
    }

    /// <summary>Records an outcome; the caller holds the breaker's lock.</summary>
    public void RecordLocked(long now, bool success)
    {
        long index = IndexOf(now);
        int slot = (int)(index % CircuitBreakerConstants.BucketCount);
        Bucket? bucket = _buckets[slot];
        if (bucket is null || bucket.Index != index)
        {
            // Buckets are replaced, never reused, so a lock-free reader holding an old one cannot corrupt the new one.
            long start = _origin + (index * _bucketTicks);
            bucket = CreateBucket(index, start, start + _bucketTicks);
            Volatile.Write(ref _buckets[slot], bucket);
            if (index >= Volatile.Read(ref _current).Index)
            {
                Volatile.Write(ref _current, bucket);
            }
        }

        if (success)
        {
            Interlocked.Increment(ref bucket.Successes);
        }
        else
        {
            Interlocked.Increment(ref bucket.Failures);
        }
    }

    public (long Calls, long Failures) Sum(long now)
    {
        long index = IndexOf(now);
        long successes = 0;
        long failures = 0;
        foreach (Bucket? bucket in _buckets)
        {
            if (bucket is not null && bucket.Index <= index && bucket.Index > index - CircuitBreakerConstants.BucketCount)
            {
                successes += Volatile.Read(ref bucket.Successes);
                failures += Volatile.Read(ref bucket.Failures);
            }
        }

        return (successes + failures, failures);
    }

    /// <summary>Forgets every sample; the caller holds the breaker's lock.</summary>
    public void ResetLocked()
    {
        for (int i = 0; i < _buckets.Length; i++)
        {
            Volatile.Write(ref _buckets[i], null);
        }

        Volatile.Write(ref _current, Bucket.Empty);
    }

    private long IndexOf(long now) => Math.Max(0, now - _origin) / _bucketTicks;

    // The coarse tick is read first and lags the precise clock by less than the slack, so a tick inside
    // [start + slack, end - slack) (both mapped through this one pair of readings) proves the precise instant is inside [start, end).
    private Bucket CreateBucket(long index, long start, long end)
    {
        if (!_coarseClock)
        {
            return new Bucket(index, start, end, long.MaxValue, long.MinValue);
        }

        long tick0 = Environment.TickCount64;
        long timestamp0 = _timeProvider.GetTimestamp();
        long frequency = _timeProvider.TimestampFrequency;
        long coarseStart = tick0 + ((start - timestamp0) * 1000 / frequency) + CircuitBreakerConstants.CoarseClockSlackMilliseconds;
        long coarseEnd = tick0 + ((end - timestamp0) * 1000 / frequency) - CircuitBreakerConstants.CoarseClockSlackMilliseconds;
        return new Bucket(index, start, end, coarseStart, coarseEnd);
    }

    private sealed class Bucket(long index, long start, long end, long coarseStart, long coarseEnd)
    {
        /// <summary>A bucket no instant falls into.</summary>
        public static readonly Bucket Empty = new(long.MinValue, long.MaxValue, long.MinValue, long.MaxValue, long.MinValue);

        public readonly long Index = index;
        public readonly long Start = start;
        public readonly long End = end;
        public readonly long CoarseStart = coarseStart;
        public readonly long CoarseEnd = coarseEnd;
        public long Successes;
        public long Failures;
    }
}

namespace Tx.Resilience.CircuitBreaking;

/// <summary>
/// Time-based sampling window of <see cref="CircuitBreakerConstants.BucketCount"/> buckets. A bucket covers
/// <c>duration / BucketCount</c>; the window is the current bucket and the <c>BucketCount - 1</c> before it.
/// A success inside the current bucket is counted lock-free with one range check and one interlocked increment;
/// starting a new bucket and every failure go through the breaker's lock.
/// </summary>
internal sealed class SamplingWindow
{
    private readonly Bucket?[] _buckets = new Bucket?[CircuitBreakerConstants.BucketCount];
    private readonly long _origin;
    private readonly long _bucketTicks;
    private Bucket _current;

    public SamplingWindow(long originTimestamp, long windowTimestampTicks)
    {
        _origin = originTimestamp;
        _bucketTicks = Math.Max(1, windowTimestampTicks / CircuitBreakerConstants.BucketCount);
        _current = new Bucket(long.MinValue, long.MaxValue, long.MinValue);
    }

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
            bucket = new Bucket(index, start, start + _bucketTicks);
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

        Volatile.Write(ref _current, new Bucket(long.MinValue, long.MaxValue, long.MinValue));
    }

    private long IndexOf(long now) => Math.Max(0, now - _origin) / _bucketTicks;

    private sealed class Bucket(long index, long start, long end)
    {
        public readonly long Index = index;
        public readonly long Start = start;
        public readonly long End = end;
        public long Successes;
        public long Failures;
    }
}

namespace Tx.Resilience.CircuitBreaking;

/// <summary>
/// Time-based sampling window of <see cref="CircuitBreakerConstants.BucketCount"/> buckets. A bucket covers
/// <c>duration / BucketCount</c>; the window is the current bucket and the <c>BucketCount - 1</c> before it.
/// Successes in the current bucket are counted lock-free; rotating a bucket and all failures go through the
/// breaker's lock.
/// </summary>
internal sealed class SamplingWindow
{
    private readonly Bucket[] _buckets;
    private readonly long _origin;
    private readonly long _bucketTicks;

    public SamplingWindow(long originTimestamp, long windowTimestampTicks)
    {
        _origin = originTimestamp;
        _bucketTicks = Math.Max(1, windowTimestampTicks / CircuitBreakerConstants.BucketCount);
        _buckets = new Bucket[CircuitBreakerConstants.BucketCount];
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new Bucket();
        }
    }

    public bool TryRecordSuccessFast(long now)
    {
        long index = IndexOf(now);
        Bucket bucket = _buckets[(int)(index % CircuitBreakerConstants.BucketCount)];
        if (Volatile.Read(ref bucket.Index) != index)
        {
            return false;
        }

        Interlocked.Increment(ref bucket.Successes);
        return true;
    }

    /// <summary>Records an outcome; the caller holds the breaker's lock.</summary>
    public void RecordLocked(long now, bool success)
    {
        long index = IndexOf(now);
        Bucket bucket = _buckets[(int)(index % CircuitBreakerConstants.BucketCount)];
        if (Volatile.Read(ref bucket.Index) != index)
        {
            Volatile.Write(ref bucket.Successes, 0);
            Volatile.Write(ref bucket.Failures, 0);
            Volatile.Write(ref bucket.Index, index);
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
        foreach (Bucket bucket in _buckets)
        {
            long bucketIndex = Volatile.Read(ref bucket.Index);
            if (bucketIndex <= index && bucketIndex > index - CircuitBreakerConstants.BucketCount)
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
        foreach (Bucket bucket in _buckets)
        {
            Volatile.Write(ref bucket.Index, long.MinValue);
            Volatile.Write(ref bucket.Successes, 0);
            Volatile.Write(ref bucket.Failures, 0);
        }
    }

    private long IndexOf(long now) => Math.Max(0, now - _origin) / _bucketTicks;

    private sealed class Bucket
    {
        public long Index = long.MinValue;
        public long Successes;
        public long Failures;
    }
}

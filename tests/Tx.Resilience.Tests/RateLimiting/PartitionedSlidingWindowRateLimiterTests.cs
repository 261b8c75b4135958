using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class PartitionedSlidingWindowRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2025, 11, 14, 15, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Theory]
    [InlineData(SlidingWindowAlgorithm.Log)]
    [InlineData(SlidingWindowAlgorithm.Counter)]
    public void TryAcquire_GuideExample_PerKeyRemainingAndRejection(SlidingWindowAlgorithm algorithm)
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { Algorithm = algorithm }, _time);

        for (int i = 1; i <= 100; i++)
        {
            RateLimitDecision decision = limiter.TryAcquire("192.168.1.1");
            Assert.True(decision.IsAllowed);
            Assert.Equal(100 - i, decision.Remaining);
        }

        RateLimitDecision rejected = limiter.TryAcquire("192.168.1.1");
        RateLimitDecision other = limiter.TryAcquire("192.168.1.2");

        Assert.False(rejected.IsAllowed);
        Assert.True(rejected.RetryAfter >= TimeSpan.FromMinutes(15));
        Assert.True(other.IsAllowed);
        Assert.Equal(99, other.Remaining);
        Assert.Equal(2, limiter.TrackedKeyCount);
    }

    [Fact]
    public void TryAcquire_LogRejection_RetryAfterIsOldestEntryExpiry()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { PermitLimit = 2 }, _time);
        limiter.TryAcquire("a");
        _time.Advance(TimeSpan.FromMinutes(4));
        limiter.TryAcquire("a");

        RateLimitDecision rejected = limiter.TryAcquire("a");

        Assert.False(rejected.IsAllowed);
        Assert.Equal(TimeSpan.FromMinutes(11), rejected.RetryAfter);
        Assert.Equal(Start + TimeSpan.FromMinutes(15), rejected.ResetAt);
    }

    [Fact]
    public void RemoveIdleKeys_RemovesOnlyKeysWithEmptyWindows()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { Window = TimeSpan.FromMinutes(1) }, _time);
        limiter.TryAcquire("old");
        _time.Advance(TimeSpan.FromSeconds(30));
        limiter.TryAcquire("recent");
        _time.Advance(TimeSpan.FromSeconds(31));

        int removed = limiter.RemoveIdleKeys();

        Assert.Equal(1, removed);
        Assert.Equal(1, limiter.TrackedKeyCount);
        Assert.Equal(99, limiter.GetStatistics("recent")!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task TryAcquire_AfterEvictionInterval_SweepsIdleKeysInBackground()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<int>(
            new PartitionedSlidingWindowLimiterOptions { Window = TimeSpan.FromSeconds(10), EvictionInterval = TimeSpan.FromSeconds(20) }, _time);
        for (int key = 0; key < 50; key++)
        {
            limiter.TryAcquire(key);
        }

        _time.Advance(TimeSpan.FromSeconds(21));
        limiter.TryAcquire(1_000);

        for (int i = 0; i < 200 && limiter.TrackedKeyCount > 1; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, limiter.TrackedKeyCount);
    }

    [Fact]
    public void TryAcquire_MaxTrackedKeysReached_RejectsNewKeysUntilOneIsIdle()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(
            new PartitionedSlidingWindowLimiterOptions { MaxTrackedKeys = 3, Window = TimeSpan.FromSeconds(10) }, _time);
        Assert.True(limiter.TryAcquire("a").IsAllowed);
        Assert.True(limiter.TryAcquire("b").IsAllowed);
        Assert.True(limiter.TryAcquire("c").IsAllowed);

        RateLimitDecision full = limiter.TryAcquire("d");
        Assert.False(full.IsAllowed);
        Assert.True(full.RetryAfter > TimeSpan.Zero);
        Assert.True(limiter.TryAcquire("a").IsAllowed);
        Assert.Equal(3, limiter.TrackedKeyCount);

        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.True(limiter.TryAcquire("d").IsAllowed);
        Assert.True(limiter.TrackedKeyCount <= 3);
    }

    [Fact]
    public async Task TryAcquire_ManyThreadsManyKeys_NeverExceedsBoundOrLimit()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<int>(
            new PartitionedSlidingWindowLimiterOptions { PermitLimit = 50, MaxTrackedKeys = 64, Window = TimeSpan.FromMinutes(1) }, _time);
        int[] granted = new int[100];
        int maxSeen = 0;

        Task[] workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                int key = (i * 7 + worker) % 100;
                if (limiter.TryAcquire(key).IsAllowed)
                {
                    Interlocked.Increment(ref granted[key]);
                }

                int tracked = limiter.TrackedKeyCount;
                int seen;
                while (tracked > (seen = Volatile.Read(ref maxSeen)) && Interlocked.CompareExchange(ref maxSeen, tracked, seen) != seen)
                {
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.All(granted, count => Assert.InRange(count, 0, 50));
        Assert.Equal(64, granted.Count(count => count == 50));
        Assert.True(maxSeen <= 64, $"tracked {maxSeen} keys");
    }

    [Fact]
    public async Task TryAcquire_ManyThreadsManyStringKeysWhileSweeping_NeverExceedsBoundOrLimit()
    {
        // Arrange: string keys take the key table; a sweeper removes idle keys while workers add and use keys,
        // so the table grows, files, tombstones and rebuilds under the workers' lock-free lookups.
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(
            new PartitionedSlidingWindowLimiterOptions { PermitLimit = 50, MaxTrackedKeys = 64, Window = TimeSpan.FromMinutes(1) }, _time);
        string[] keys = Enumerable.Range(0, 100).Select(i => $"10.0.0.{i}").ToArray();
        int[] granted = new int[keys.Length];
        int maxSeen = 0;

        // Act
        Task[] workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                int key = (i * 7 + worker) % keys.Length;
                if (limiter.TryAcquire(keys[key]).IsAllowed)
                {
                    Interlocked.Increment(ref granted[key]);
                }

                if (worker == 0 && i % 100 == 0)
                {
                    limiter.RemoveIdleKeys();
                }

                int tracked = limiter.TrackedKeyCount;
                int seen;
                while (tracked > (seen = Volatile.Read(ref maxSeen)) && Interlocked.CompareExchange(ref maxSeen, tracked, seen) != seen)
                {
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        // Assert: no key is ever idle here (the clock stands still), so exactly 64 keys are served, each to its limit.
        Assert.All(granted, count => Assert.InRange(count, 0, 50));
        Assert.Equal(64, granted.Count(count => count == 50));
        Assert.Equal(64 * 50, granted.Sum());
        Assert.True(maxSeen <= 64, $"tracked {maxSeen} keys");
    }

    [Fact]
    public async Task TryAcquire_ManyThreadsOneKey_GrantsExactlyTheLimit()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { PermitLimit = 500 }, _time);
        int granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                if (limiter.TryAcquire("hot").IsAllowed)
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));

        Assert.Equal(500, granted);
    }

    [Fact]
    public void TryAcquire_TrackedKey_AllocatesNothingOnGrantOrRejection()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { PermitLimit = 50 }, _time);
        string[] keys = Enumerable.Range(0, 10).Select(i => $"10.0.0.{i}").ToArray();
        foreach (string key in keys)
        {
            limiter.TryAcquire(key);
            limiter.AttemptAcquire(key).Dispose();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 30; round++)
        {
            foreach (string key in keys)
            {
                limiter.TryAcquire(key);
                limiter.AttemptAcquire(key).Dispose();
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(limiter.TryAcquire(keys[0]).IsAllowed);
    }

    [Fact]
    public async Task AcquireAsync_DecidesAtOnceWithMetadata()
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { PermitLimit = 1 }, _time);
        using RateLimitLease first = await limiter.AcquireAsync("k");

        using RateLimitLease second = await limiter.AcquireAsync("k");

        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
        Assert.True(second.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(15), retryAfter);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void TryAcquire_PermitCountOutOfRange_Throws(int permitCount)
    {
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions(), _time);

        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.TryAcquire("k", permitCount));
    }

    [Fact]
    public void Dispose_ThenTryAcquire_Throws()
    {
        var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions(), _time);
        limiter.Dispose();

        Assert.Throws<ObjectDisposedException>(() => limiter.TryAcquire("k"));
    }

    [Fact]
    public void TryAcquire_CaseInsensitiveComparer_SharesOneWindow()
    {
        // Arrange: a non-ordinal comparer keeps the dictionary-backed path.
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(
            new PartitionedSlidingWindowLimiterOptions { PermitLimit = 2 }, _time, StringComparer.OrdinalIgnoreCase);
        limiter.TryAcquire("Client");
        limiter.TryAcquire("CLIENT");

        // Act
        RateLimitDecision third = limiter.TryAcquire("client");

        // Assert
        Assert.False(third.IsAllowed);
        Assert.Equal(1, limiter.TrackedKeyCount);
    }

    [Fact]
    public void TryAcquireAndRemoveIdleKeys_IntegerKeys_CountAndEvictPerKey()
    {
        // Arrange
        using var limiter = new PartitionedSlidingWindowRateLimiter<int>(
            new PartitionedSlidingWindowLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) }, _time);
        limiter.TryAcquire(1);

        // Act
        RateLimitDecision again = limiter.TryAcquire(1);
        RateLimitDecision other = limiter.TryAcquire(2);
        _time.Advance(TimeSpan.FromMinutes(2));
        int removed = limiter.RemoveIdleKeys();

        // Assert
        Assert.False(again.IsAllowed);
        Assert.True(other.IsAllowed);
        Assert.Equal(2, removed);
        Assert.Equal(0, limiter.TrackedKeyCount);
    }

    [Fact]
    public void TryAcquire_EvictedKeyComesBack_StartsAFreshWindowFromTheTable()
    {
        // Arrange
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(
            new PartitionedSlidingWindowLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) }, _time);
        limiter.TryAcquire("10.0.0.1");
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, limiter.RemoveIdleKeys());

        // Act
        RateLimitDecision first = limiter.TryAcquire("10.0.0.1");
        RateLimitDecision second = limiter.TryAcquire("10.0.0.1");

        // Assert
        Assert.True(first.IsAllowed);
        Assert.False(second.IsAllowed);
        Assert.Equal(1, limiter.TrackedKeyCount);
        Assert.Equal(1, limiter.GetStatistics("10.0.0.1")!.TotalFailedLeases);
    }
}

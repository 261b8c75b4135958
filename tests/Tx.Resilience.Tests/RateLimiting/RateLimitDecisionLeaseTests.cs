using System.Threading.RateLimiting;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class RateLimitDecisionLeaseTests
{
    [Fact]
    public void TryGetMetadata_UnknownName_ReturnsFalse()
    {
        using var lease = new RateLimitDecisionLease(new RateLimitDecision(true, 10, 9, DateTimeOffset.UnixEpoch, TimeSpan.Zero));

        Assert.False(lease.TryGetMetadata("nope", out object? value));
        Assert.Null(value);
        Assert.True(lease.TryGetMetadata(RateLimitMetadataNames.Limit, out int limit));
        Assert.Equal(10, limit);
    }

    [Fact]
    public void Dispose_Twice_DoesNotHandTheSameLeaseOutTwice()
    {
        using var limiter = new SlidingWindowCounterRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) });
        RateLimitLease first = limiter.AttemptAcquire();
        first.Dispose();
        first.Dispose();

        RateLimitLease a = limiter.AttemptAcquire();
        RateLimitLease b = limiter.AttemptAcquire();

        Assert.NotSame(a, b);
        Assert.True(a.IsAcquired);
        Assert.False(b.IsAcquired);
    }

    [Fact]
    public void TryGetDecision_ForeignLease_RebuildsFromMetadata()
    {
        using var limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) });
        using RateLimitLease granted = limiter.AttemptAcquire();

        bool found = granted.TryGetDecision(out RateLimitDecision decision);

        Assert.False(found);
        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public void AttemptAcquire_AfterDispose_ReusesTheWindowsLeaseWithTheNewDecision()
    {
        // Arrange
        using var limiter = new SlidingWindowCounterRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) });
        RateLimitLease first = limiter.AttemptAcquire();
        Assert.True(first.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remainingFirst));
        first.Dispose();

        // Act
        using RateLimitLease second = limiter.AttemptAcquire();
        using RateLimitLease third = limiter.AttemptAcquire();

        // Assert: the spare went to the second call; the third, taken while the second is held, is another lease.
        Assert.Same(first, second);
        Assert.NotSame(second, third);
        Assert.Equal(1, remainingFirst);
        Assert.True(second.IsAcquired);
        Assert.True(second.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remainingSecond));
        Assert.Equal(0, remainingSecond);
        Assert.False(third.IsAcquired);
    }

    [Fact]
    public void Dispose_TwiceOnALimitersLease_DoesNotHandItOutTwice()
    {
        // Arrange
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { PermitLimit = 10 });
        RateLimitLease first = limiter.AttemptAcquire("k");
        first.Dispose();
        first.Dispose();

        // Act
        using RateLimitLease a = limiter.AttemptAcquire("k");
        using RateLimitLease b = limiter.AttemptAcquire("k");

        // Assert
        Assert.NotSame(a, b);
        Assert.True(a.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remainingA));
        Assert.True(b.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remainingB));
        Assert.Equal([8, 7], new[] { remainingA, remainingB });
    }

    [Fact]
    public async Task AttemptAcquire_ManyThreadsDisposing_EveryHeldLeaseKeepsItsOwnDecision()
    {
        // Arrange: the limit is never reached, so each grant's "remaining" is unique while it is held.
        using var limiter = new SlidingWindowCounterRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 1_000_000, Window = TimeSpan.FromHours(1) });
        int mismatches = 0;

        // Act
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                RateLimitLease lease = limiter.AttemptAcquire();
                lease.TryGetMetadata(RateLimitMetadataNames.Remaining, out int before);
                Thread.SpinWait(i % 7);
                lease.TryGetMetadata(RateLimitMetadataNames.Remaining, out int after);
                if (before != after)
                {
                    Interlocked.Increment(ref mismatches);
                }

                lease.Dispose();
            }
        })));

        // Assert
        Assert.Equal(0, mismatches);
        Assert.Equal(80_000, limiter.GetStatistics()!.TotalSuccessfulLeases);
    }

    [Fact]
    public void AttemptAcquire_PartitionedAfterDispose_ReusesTheKeysLeaseOnly()
    {
        // Arrange
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { PermitLimit = 10 });
        RateLimitLease first = limiter.AttemptAcquire("a");
        first.Dispose();

        // Act
        using RateLimitLease otherKey = limiter.AttemptAcquire("b");
        using RateLimitLease sameKey = limiter.AttemptAcquire("a");

        // Assert: the spare belongs to key "a"'s window and carries the new decision.
        Assert.NotSame(first, otherKey);
        Assert.Same(first, sameKey);
        Assert.True(sameKey.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remaining));
        Assert.Equal(8, remaining);
    }

    [Fact]
    public async Task AttemptAcquire_PartitionedManyThreadsDisposingElsewhere_EveryHeldLeaseKeepsItsOwnDecision()
    {
        // Arrange: leases are disposed on other threads than the one that rented them, racing with the renters of
        // the same keys; a held lease must never be handed out again.
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions { PermitLimit = 1_000_000, Window = TimeSpan.FromHours(1) });
        var handOff = new System.Collections.Concurrent.BlockingCollection<(RateLimitLease Lease, int Remaining)>(boundedCapacity: 64);
        int mismatches = 0;

        // Act
        Task disposer = Task.Run(() =>
        {
            foreach ((RateLimitLease lease, int remaining) in handOff.GetConsumingEnumerable())
            {
                lease.TryGetMetadata(RateLimitMetadataNames.Remaining, out int now);
                if (now != remaining)
                {
                    Interlocked.Increment(ref mismatches);
                }

                lease.Dispose();
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                RateLimitLease lease = limiter.AttemptAcquire("k" + (t * 7 + i) % 5);
                lease.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remaining);
                if (i % 2 == 0)
                {
                    handOff.Add((lease, remaining));
                }
                else
                {
                    lease.Dispose();
                }
            }
        })));
        handOff.CompleteAdding();
        await disposer.WaitAsync(TimeSpan.FromSeconds(60));

        // Assert
        Assert.Equal(0, mismatches);
    }
}

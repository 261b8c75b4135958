using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

/// <summary>The contract both sliding-window limiters must pass (after runtime's BaseRateLimiterTests).</summary>
public abstract class SlidingWindowLimiterTests
{
    protected static readonly DateTimeOffset Start = new(2025, 11, 14, 15, 30, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    protected abstract SlidingWindowLimiter Create(SlidingWindowLimiterOptions options);

    /// <summary>The retry-after of the 101st request when 100 were granted at the same instant.</summary>
    protected abstract TimeSpan RetryAfterFullBurst(TimeSpan window, int limit);

    [Fact]
    public void TryAcquire_GuideExample_RemainingCountsDownThenRejectsWithRetryAfter()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions());

        for (int i = 1; i <= 100; i++)
        {
            RateLimitDecision decision = limiter.TryAcquire();
            Assert.True(decision.IsAllowed);
            Assert.Equal(100 - i, decision.Remaining);
            Assert.Equal(100, decision.Limit);
            Assert.Equal(TimeSpan.Zero, decision.RetryAfter);
            Assert.True(decision.ResetAt > Start);
        }

        RateLimitDecision rejected = limiter.TryAcquire();

        Assert.False(rejected.IsAllowed);
        Assert.Equal(0, rejected.Remaining);
        Assert.Equal(RetryAfterFullBurst(TimeSpan.FromMinutes(15), 100), rejected.RetryAfter);
        Assert.Equal(Start + rejected.RetryAfter, rejected.ResetAt);
    }

    [Fact]
    public void TryAcquire_AfterRetryAfter_IsGrantedAgain()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromSeconds(10) });
        for (int i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryAcquire().IsAllowed);
        }

        RateLimitDecision rejected = limiter.TryAcquire();
        Time.Advance(rejected.RetryAfter - TimeSpan.FromTicks(1));
        Assert.False(limiter.TryAcquire().IsAllowed);

        Time.Advance(TimeSpan.FromTicks(1));

        Assert.True(limiter.TryAcquire().IsAllowed);
    }

    [Fact]
    public void TryAcquire_Cost_TakesThatManyPermits()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 10 });

        RateLimitDecision first = limiter.TryAcquire(7);
        RateLimitDecision tooBig = limiter.TryAcquire(4);
        RateLimitDecision fits = limiter.TryAcquire(3);

        Assert.True(first.IsAllowed);
        Assert.Equal(3, first.Remaining);
        Assert.False(tooBig.IsAllowed);
        Assert.Equal(3, tooBig.Remaining);
        Assert.True(tooBig.RetryAfter > TimeSpan.Zero);
        Assert.True(fits.IsAllowed);
        Assert.Equal(0, fits.Remaining);
    }

    [Fact]
    public void TryAcquire_ZeroPermits_OnlyProbes()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 1 });

        Assert.True(limiter.TryAcquire(0).IsAllowed);
        Assert.True(limiter.TryAcquire(0).IsAllowed);
        Assert.True(limiter.TryAcquire(1).IsAllowed);
        RateLimitDecision probe = limiter.TryAcquire(0);

        Assert.False(probe.IsAllowed);
        Assert.True(probe.RetryAfter > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void TryAcquire_PermitCountOutOfRange_Throws(int permitCount)
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 10 });

        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.TryAcquire(permitCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(permitCount));
    }

    [Fact]
    public void AttemptAcquire_Lease_CarriesDecisionMetadata()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 2 });
        using RateLimitLease granted = limiter.AttemptAcquire(2);
        Assert.True(granted.IsAcquired);
        Assert.True(granted.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remaining));
        Assert.Equal(0, remaining);
        Assert.True(granted.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan grantedRetry));
        Assert.Equal(TimeSpan.Zero, grantedRetry);

        using RateLimitLease rejected = limiter.AttemptAcquire();

        Assert.False(rejected.IsAcquired);
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);
        Assert.True(rejected.TryGetMetadata(RateLimitMetadataNames.Reset, out DateTimeOffset reset));
        Assert.True(reset > Start);
        Assert.True(rejected.TryGetDecision(out RateLimitDecision decision));
        Assert.Equal(retryAfter, decision.RetryAfter);
        Assert.Contains(RateLimitMetadataNames.Limit.Name, rejected.MetadataNames);
    }

    [Fact]
    public async Task AcquireAsync_WindowFullWithQueue_WaitsUntilPermitsFree()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromSeconds(10), QueueLimit = 2 });
        Assert.True(limiter.TryAcquire(2).IsAllowed);

        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync(1);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentQueuedCount);
        Assert.False(limiter.TryAcquire().IsAllowed);

        Time.Advance(TimeSpan.FromSeconds(30));
        using RateLimitLease lease = await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(lease.IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_RejectsAtOnce()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 2, QueueLimit = 1 });
        Assert.True(limiter.TryAcquire(2).IsAllowed);
        ValueTask<RateLimitLease> queued = limiter.AcquireAsync(1);

        using RateLimitLease rejected = await limiter.AcquireAsync(1);

        Assert.False(queued.IsCompleted);
        Assert.False(rejected.IsAcquired);
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task AcquireAsync_NoQueue_RejectsAtOnce()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 1 });
        Assert.True(limiter.TryAcquire().IsAllowed);

        using RateLimitLease lease = await limiter.AcquireAsync(1);

        Assert.False(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_FreesQueueSlot()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 1, QueueLimit = 1 });
        Assert.True(limiter.TryAcquire().IsAllowed);
        using var cts = new CancellationTokenSource();
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync(1, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task Dispose_WithQueuedRequest_CompletesItUnacquired()
    {
        SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 1, QueueLimit = 1 });
        Assert.True(limiter.TryAcquire().IsAllowed);
        ValueTask<RateLimitLease> waiting = limiter.AcquireAsync(1);

        limiter.Dispose();
        using RateLimitLease lease = await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(lease.IsAcquired);
        Assert.Throws<ObjectDisposedException>(() => limiter.TryAcquire());
    }

    [Fact]
    public void GetStatistics_CountsGrantsAndRejections()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 3 });
        limiter.TryAcquire(2);
        limiter.TryAcquire(2);
        limiter.AttemptAcquire(1).Dispose();

        RateLimiterStatistics stats = limiter.GetStatistics()!;

        Assert.Equal(2, stats.TotalSuccessfulLeases);
        Assert.Equal(1, stats.TotalFailedLeases);
        Assert.Equal(0, stats.CurrentAvailablePermits);
    }

    [Fact]
    public void IdleDuration_NullWhileWindowHoldsPermits()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromSeconds(1) });
        limiter.TryAcquire();

        Assert.Null(limiter.IdleDuration);
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(limiter.IdleDuration);
    }

    [Fact]
    public async Task TryAcquire_ManyThreadsDemandExceedsLimit_GrantsExactlyTheLimit()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 1_000, Window = TimeSpan.FromMinutes(1) });
        int granted = 0;

        Task[] workers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                if (limiter.TryAcquire().IsAllowed)
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(1_000, granted);
        Assert.Equal(8_000 - 1_000, limiter.GetStatistics()!.TotalFailedLeases);
    }

    [Fact]
    public void AttemptAcquire_ThenDispose_AllocatesNothing()
    {
        using SlidingWindowLimiter limiter = Create(new SlidingWindowLimiterOptions { PermitLimit = 5 });
        for (int i = 0; i < 10; i++)
        {
            limiter.AttemptAcquire().Dispose();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            limiter.AttemptAcquire().Dispose();
            limiter.TryAcquire();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class SlidingWindowLogRateLimiterTests : SlidingWindowLimiterTests
{
    protected override SlidingWindowLimiter Create(SlidingWindowLimiterOptions options) =>
        new SlidingWindowLogRateLimiter(options, Time);

    // Exact: the oldest grant expires exactly one window after it was made.
    protected override TimeSpan RetryAfterFullBurst(TimeSpan window, int limit) => window;

    [Fact]
    public void TryAcquire_WindowSlides_ExactlyTheExpiredPartComesBack()
    {
        using var limiter = new SlidingWindowLogRateLimiter(new SlidingWindowLimiterOptions(), Time);
        Assert.True(limiter.TryAcquire(30).IsAllowed);
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(limiter.TryAcquire(70).IsAllowed);
        RateLimitDecision full = limiter.TryAcquire();
        Assert.False(full.IsAllowed);
        Assert.Equal(TimeSpan.FromMinutes(10), full.RetryAfter);
        Assert.Equal(Start + TimeSpan.FromMinutes(15), full.ResetAt);

        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.False(limiter.TryAcquire().IsAllowed);
        Time.Advance(TimeSpan.FromTicks(1));

        RateLimitDecision after = limiter.TryAcquire(0);
        Assert.Equal(30, after.Remaining);
        Assert.Equal(Start + TimeSpan.FromMinutes(20), after.ResetAt);
        Assert.True(limiter.TryAcquire(30).IsAllowed);
        Assert.False(limiter.TryAcquire().IsAllowed);
    }

    [Fact]
    public void TryAcquire_RejectedCost_RetryAfterIsWhenEnoughOldestEntriesExpire()
    {
        using var limiter = new SlidingWindowLogRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }, Time);
        limiter.TryAcquire(3);
        Time.Advance(TimeSpan.FromSeconds(10));
        limiter.TryAcquire(3);
        Time.Advance(TimeSpan.FromSeconds(10));
        limiter.TryAcquire(4);

        RateLimitDecision decision = limiter.TryAcquire(5);

        // 3 free at 60 s, 6 at 70 s: five permits need the second entry to expire, 50 s from now.
        Assert.False(decision.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(50), decision.RetryAfter);
        Assert.Equal(Start + TimeSpan.FromSeconds(60), decision.ResetAt);
    }

    [Fact]
    public async Task TryAcquire_RandomTraffic_NoWindowEverHoldsMoreThanTheLimit()
    {
        var random = new Random(42);
        using var limiter = new SlidingWindowLogRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromSeconds(10) }, Time);
        var grants = new List<(DateTimeOffset At, int Cost)>();
        for (int i = 0; i < 5_000; i++)
        {
            int cost = random.Next(1, 4);
            if (limiter.TryAcquire(cost).IsAllowed)
            {
                grants.Add((Time.GetUtcNow(), cost));
            }

            Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 400)));
        }

        await Task.Yield();
        int from = 0;
        int inWindow = 0;
        for (int to = 0; to < grants.Count; to++)
        {
            inWindow += grants[to].Cost;
            while (grants[to].At - grants[from].At >= TimeSpan.FromSeconds(10))
            {
                inWindow -= grants[from].Cost;
                from++;
            }

            Assert.True(inWindow <= 20, $"{inWindow} permits inside one window at {grants[to].At:O}");
        }

        Assert.True(grants.Count > 500);
    }

    [Fact]
    public void TryAcquire_SystemClock_RetryAfterNeverShorterThanTheWindowLeft()
    {
        using var limiter = new SlidingWindowLogRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromSeconds(30) });
        long started = TimeProvider.System.GetTimestamp();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(limiter.TryAcquire().IsAllowed);
        }

        RateLimitDecision rejected = limiter.TryAcquire();
        TimeSpan elapsed = TimeProvider.System.GetElapsedTime(started);

        // The coarse system clock stamps grants late (by its resolution), never early.
        Assert.False(rejected.IsAllowed);
        Assert.InRange(rejected.RetryAfter, TimeSpan.FromSeconds(30) - elapsed, TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(50));
    }
}

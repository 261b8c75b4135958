using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class SlidingWindowCounterRateLimiterTests : SlidingWindowLimiterTests
{
    protected override SlidingWindowLimiter Create(SlidingWindowLimiterOptions options) =>
        new SlidingWindowCounterRateLimiter(options, Time);

    // The burst becomes the previous window's count; one permit is back once 1/limit of it has slid out.
    protected override TimeSpan RetryAfterFullBurst(TimeSpan window, int limit) => window + (window / limit);

    [Fact]
    public void TryAcquire_PreviousWindowWeighted_ByItsRemainingOverlap()
    {
        using var limiter = new SlidingWindowCounterRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromSeconds(10) }, Time);
        Assert.True(limiter.TryAcquire(10).IsAllowed);

        Time.Advance(TimeSpan.FromSeconds(15));

        // Half of the previous window still overlaps: 10 × 0.5 = 5 in use.
        Assert.Equal(5, limiter.TryAcquire(0).Remaining);
        Assert.True(limiter.TryAcquire(5).IsAllowed);
        Assert.False(limiter.TryAcquire().IsAllowed);
    }

    [Fact]
    public void TryAcquire_RandomTraffic_NoFixedWindowHoldsMoreThanTheLimit()
    {
        var random = new Random(7);
        using var limiter = new SlidingWindowCounterRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromSeconds(10) }, Time);
        var perWindow = new Dictionary<long, int>();
        for (int i = 0; i < 5_000; i++)
        {
            int cost = random.Next(1, 4);
            if (limiter.TryAcquire(cost).IsAllowed)
            {
                long bucket = (Time.GetUtcNow() - Start).Ticks / TimeSpan.FromSeconds(10).Ticks;
                perWindow[bucket] = perWindow.GetValueOrDefault(bucket) + cost;
            }

            Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 400)));
        }

        Assert.All(perWindow.Values, count => Assert.InRange(count, 0, 20));
        Assert.True(perWindow.Count > 10);
    }
}

using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class RateLimitHeadersTests
{
    [Fact]
    public void Apply_Grant_WritesGuideHeadersWithoutRetryAfter()
    {
        var headers = new Dictionary<string, StringValues>();
        var decision = new RateLimitDecision(true, 100, 54, new DateTimeOffset(2025, 11, 14, 15, 45, 0, 400, TimeSpan.Zero), TimeSpan.Zero);

        RateLimitHeaders.Apply(headers, decision);

        Assert.Equal("54", headers["X-RateLimit-Remaining"]);
        Assert.Equal("2025-11-14T15:45:00Z", headers["X-RateLimit-Reset"]);
        Assert.Equal("100", headers["X-RateLimit-Limit"]);
        Assert.False(headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public void Apply_RejectionFromLimiter_RetryAfterRoundedUpToSeconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 14, 15, 30, 0, TimeSpan.Zero));
        using var limiter = new SlidingWindowLogRateLimiter(new SlidingWindowLimiterOptions { PermitLimit = 1 }, time);
        limiter.TryAcquire();
        time.Advance(TimeSpan.FromMilliseconds(1500));
        var headers = new Dictionary<string, StringValues>();

        RateLimitHeaders.Apply(headers, limiter.TryAcquire());

        Assert.Equal("0", headers["X-RateLimit-Remaining"]);
        Assert.Equal("2025-11-14T15:45:00Z", headers["X-RateLimit-Reset"]);
        Assert.Equal("899", headers["Retry-After"]);
    }
}

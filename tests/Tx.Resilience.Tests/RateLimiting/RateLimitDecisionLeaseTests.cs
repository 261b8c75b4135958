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
        RateLimitDecisionLease first = RateLimitDecisionLease.Rent(new RateLimitDecision(true, 1, 0, DateTimeOffset.UnixEpoch, TimeSpan.Zero));
        first.Dispose();
        first.Dispose();

        RateLimitDecisionLease a = RateLimitDecisionLease.Rent(new RateLimitDecision(true, 1, 0, DateTimeOffset.UnixEpoch, TimeSpan.Zero));
        RateLimitDecisionLease b = RateLimitDecisionLease.Rent(new RateLimitDecision(false, 1, 0, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1)));

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
}

using System.Threading.RateLimiting;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

/// <summary>The quick start of src/Tx.Resilience/RateLimiting/README.md, compiled and run.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void QuickStart_RunsAsDocumented()
    {
        // The guide's gateway: 100 requests per 15 minutes per client IP.
        using var limiter = new PartitionedSlidingWindowRateLimiter<string>(new PartitionedSlidingWindowLimiterOptions());

        RateLimitDecision decision = limiter.TryAcquire("192.168.1.1");   // no lease, no allocation
        if (!decision.IsAllowed)
        {
            Console.WriteLine($"429, retry after {decision.RetryAfter}");
        }

        Console.WriteLine($"X-RateLimit-Remaining: {decision.Remaining}");        // 99
        Console.WriteLine($"X-RateLimit-Reset: {RateLimitHeaders.FormatReset(decision.ResetAt)}");

        // The same limiter through the standard API; the lease carries the same metadata.
        using RateLimitLease lease = limiter.AttemptAcquire("192.168.1.1", permitCount: 5);   // cost 5
        lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter);
        lease.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remaining);

        Assert.Equal(99, decision.Remaining);
        Assert.Equal(94, remaining);
        Assert.Equal(TimeSpan.Zero, retryAfter);
    }
}

using System.Threading.RateLimiting;

namespace Tx.Resilience.RateLimiting;

/// <summary>Reads the <see cref="RateLimitDecision"/> of a lease without boxing its metadata.</summary>
public static class RateLimitLeaseExtensions
{
    /// <summary>Gets the decision a lease carries.</summary>
    /// <param name="lease">A lease from any limiter.</param>
    /// <param name="decision">The decision: exact for Tx limiters; for other limiters rebuilt from
    /// <see cref="MetadataName.RetryAfter"/> and the Tx metadata names when present.</param>
    /// <returns><see langword="true"/> when the lease came from a Tx limiter or carries the Tx metadata.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lease"/> is <see langword="null"/>.</exception>
    public static bool TryGetDecision(this RateLimitLease lease, out RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease is RateLimitDecisionLease own)
        {
            decision = own.Decision;
            return true;
        }

        bool found = lease.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remaining);
        found |= lease.TryGetMetadata(RateLimitMetadataNames.Reset, out DateTimeOffset reset);
        lease.TryGetMetadata(RateLimitMetadataNames.Limit, out int limit);
        lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter);
        decision = new RateLimitDecision(lease.IsAcquired, limit, remaining, reset, retryAfter);
        return found;
    }
}

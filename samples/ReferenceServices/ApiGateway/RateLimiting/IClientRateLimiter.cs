using Tx.Resilience.RateLimiting;

namespace ApiGateway.RateLimiting;

/// <summary>The seam between the gateway and its limiter backend: in-memory today (Tx.Resilience
/// PartitionedSlidingWindowRateLimiter); the Redis/Garnet limiter from Tx.Resilience.Redis plugs in here.</summary>
public interface IClientRateLimiter
{
    ValueTask<RateLimitDecision> AcquireAsync(string clientKey, CancellationToken cancellationToken);
}

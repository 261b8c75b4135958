using Tx.Resilience.RateLimiting;

namespace ApiGateway.RateLimiting;

/// <summary>The seam between the gateway and its limiter backend (<see cref="RedisClientRateLimiter"/>: Redis or the
/// embedded Garnet, with Tx.Resilience.Redis's in-memory fallback while Redis is unreachable).</summary>
public interface IClientRateLimiter
{
    ValueTask<RateLimitDecision> AcquireAsync(string clientKey, CancellationToken cancellationToken);
}

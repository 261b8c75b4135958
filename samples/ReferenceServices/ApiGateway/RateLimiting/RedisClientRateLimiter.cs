using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace ApiGateway.RateLimiting;

/// <summary>The gateway's per-IP limit on Tx.Resilience.Redis: one Lua round trip to Redis (or the embedded Garnet) per
/// request, on the server's clock, so every gateway instance sharing the Redis shares the window. While Redis is
/// unreachable the limiter's failure policy decides (default: a per-instance in-memory sliding window).</summary>
public sealed class RedisClientRateLimiter(RedisPartitionedRateLimiter limiter) : IClientRateLimiter
{
    public ValueTask<RateLimitDecision> AcquireAsync(string clientKey, CancellationToken cancellationToken) =>
        limiter.DecideAsync(clientKey, cancellationToken: cancellationToken);
}

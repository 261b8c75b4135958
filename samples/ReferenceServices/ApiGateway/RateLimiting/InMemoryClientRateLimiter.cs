using Tx.Resilience.RateLimiting;

namespace ApiGateway.RateLimiting;

public sealed class InMemoryClientRateLimiter(PartitionedSlidingWindowRateLimiter<string> limiter) : IClientRateLimiter
{
    public ValueTask<RateLimitDecision> AcquireAsync(string clientKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(limiter.TryAcquire(clientKey));
}

using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>The failure tests over the direct transport (the limiter's own sockets).</summary>
public sealed class RedisFailurePolicyDirectTests : RedisFailurePolicyTests
{
    protected override RedisTransport Transport => RedisTransport.Direct;
}

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>How a limiter built on a StackExchange.Redis connection sends its script calls.</summary>
public enum RedisTransport
{
    /// <summary>
    /// Sockets of the limiter's own to the connection's server (same endpoint, user, password, database and timeouts),
    /// speaking RESP directly: a lone decision writes its call and reads the reply on the caller's thread, with no hand-off
    /// to the client's reader threads or the thread pool (the lowest tail latency). Used when the connection has one
    /// standalone server without TLS, sentinel or proxy; otherwise the limiter uses the connection itself.
    /// </summary>
    Direct = 0,

    /// <summary>The StackExchange.Redis connection itself (its multiplexed socket and reader threads).</summary>
    StackExchangeRedis = 1,
}

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// How concurrent asynchronous decisions share script calls. Whatever the choice, every decision is applied on its
/// own, in arrival order, on the server's clock, atomically with the others of its call: batching changes how many
/// round trips are made, never what is decided.
/// </summary>
public enum RedisDecisionBatching
{
    /// <summary>
    /// While a call is in flight, decisions for keys of the same hash slot queue and go as one call. On a standalone
    /// server (and Garnet) that is every key of the limiter; on Redis Cluster, where the keys of one script call must
    /// share a slot, each slot has its own queue.
    /// </summary>
    PerHashSlot = 0,

    /// <summary>
    /// Only decisions for the same key share a call. For proxies that route each key on its own without cluster
    /// hash slots (twemproxy, Envoy), where a call touching several keys could fail.
    /// </summary>
    PerKey = 1,

    /// <summary>One script call per decision.</summary>
    None = 2,
}

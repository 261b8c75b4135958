using StackExchange.Redis;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// Runs a Lua script call: the seam between the limiter and the server it talks to. The signatures are
/// <see cref="IDatabase"/>'s, so the StackExchange.Redis executor is a pass-through; an executor reports a lost script
/// as a <see cref="RedisServerException"/> whose message starts with NOSCRIPT, as StackExchange.Redis does.
/// </summary>
internal interface IRedisScriptExecutor
{
    /// <summary>EVALSHA: runs the script loaded under <paramref name="hash"/> (its SHA-1).</summary>
    RedisResult ScriptEvaluate(byte[] hash, RedisKey[] keys, RedisValue[] values);

    /// <summary>EVAL: runs (and loads) <paramref name="script"/>.</summary>
    RedisResult ScriptEvaluate(string script, RedisKey[] keys, RedisValue[] values);

    /// <summary>EVALSHA, asynchronously. <paramref name="cancellationToken"/> matters to an executor that may block the
    /// caller (the direct transport's lone call); the others leave the wait to the caller's own cancellation.</summary>
    Task<RedisResult> ScriptEvaluateAsync(byte[] hash, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default);

    /// <summary>EVAL, asynchronously; <paramref name="cancellationToken"/> as for EVALSHA.</summary>
    Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default);

    /// <summary>
    /// EVALSHA for a batch of queued decisions, sent by the lane's pump: a client that can complete a lone call on
    /// the caller's thread should not do so here, where the pump's thread holds the batch's completions in its queue.
    /// </summary>
    Task<RedisResult> ScriptEvaluateBatchAsync(byte[] hash, RedisKey[] keys, RedisValue[] values) =>
        ScriptEvaluateAsync(hash, keys, values);
}

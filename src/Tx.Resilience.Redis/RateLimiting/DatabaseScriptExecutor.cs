using StackExchange.Redis;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>Runs scripts through a StackExchange.Redis <see cref="IDatabase"/>: a Redis server, or Garnet over TCP.</summary>
internal sealed class DatabaseScriptExecutor(IDatabase database) : IRedisScriptExecutor
{
    public RedisResult ScriptEvaluate(byte[] hash, RedisKey[] keys, RedisValue[] values) =>
        database.ScriptEvaluate(hash, keys, values);

    public RedisResult ScriptEvaluate(string script, RedisKey[] keys, RedisValue[] values) =>
        database.ScriptEvaluate(script, keys, values);

    public Task<RedisResult> ScriptEvaluateAsync(byte[] hash, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default) =>
        database.ScriptEvaluateAsync(hash, keys, values);

    public Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default) =>
        database.ScriptEvaluateAsync(script, keys, values);
}

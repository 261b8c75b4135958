using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// Runs the decision script: EVALSHA by its SHA-1 (loaded once), and EVAL — which loads it again — when the server
/// answers NOSCRIPT (restarted, SCRIPT FLUSH, failover). One round trip per call either way; a call decides one
/// decision or a batch of them (<see cref="RedisRateLimitScripts"/>).
/// </summary>
internal sealed class RedisWindowScript
{
    private readonly IRedisScriptExecutor _database;
    private readonly string _script;
    private readonly byte[] _sha1;
    private readonly RedisKey _prefix;
    private readonly RedisValue _limit;
    private readonly RedisValue _windowMicros;
    private readonly RedisValue[] _costOne;
    private long _reloads;
    private long _calls;

    public RedisWindowScript(IDatabase database, RedisRateLimiterOptions options)
        : this(new DatabaseScriptExecutor(database), options)
    {
    }

    public RedisWindowScript(IRedisScriptExecutor database, RedisRateLimiterOptions options)
    {
        _database = database;
        _script = options.Algorithm switch
        {
            SlidingWindowAlgorithm.Counter => RedisRateLimitScripts.Counter,
            _ when options.PermitLimit <= options.PackedLogMaxPermits => RedisRateLimitScripts.PackedLog,
            _ => RedisRateLimitScripts.Log,
        };
#pragma warning disable CA5350 // SHA-1 is what EVALSHA addresses scripts by; it is not used for security.
        _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(_script));
#pragma warning restore CA5350
        _prefix = options.KeyPrefix;
        _limit = options.PermitLimit;
        _windowMicros = options.Window.Ticks / 10;
        _costOne = [_limit, _windowMicros, 1, 1];
    }

    /// <summary>Gets how many times the script had to be sent again because the server had lost it.</summary>
    public long Reloads => Volatile.Read(ref _reloads);

    /// <summary>Gets how many script calls were made (each decides one decision or a batch).</summary>
    public long Calls => Volatile.Read(ref _calls);

    /// <summary>Raised when the server had lost the script and it was sent again.</summary>
    public event Action? Reloaded;

    public RedisWindowResult Evaluate(string key, int cost)
    {
        RedisKey[] keys = [Key(key)];
        RedisValue[] args = Args(cost);
        Interlocked.Increment(ref _calls);
        RedisResult result;
        try
        {
            result = _database.ScriptEvaluate(_sha1, keys, args);
        }
        catch (RedisServerException e) when (IsNoScript(e))
        {
            OnReload();
            result = _database.ScriptEvaluate(_script, keys, args);
        }

        return Read(result, 0);
    }

    public async Task<RedisWindowResult> EvaluateAsync(string key, int cost) =>
        Read(await EvaluateOneAsync(key, cost).ConfigureAwait(false), 0);

    /// <summary>Decides one decision in one call; <see cref="Read"/> index 0 of the result.</summary>
    public Task<RedisResult> EvaluateOneAsync(string key, int cost, CancellationToken cancellationToken = default) =>
        EvaluateAsync([Key(key)], Args(cost), batch: false, cancellationToken);

    /// <summary>
    /// Decides a batch in one call, in its order: the batch's distinct keys become KEYS (each decision carries its
    /// key's index), so a key that occurs several times is read once.
    /// </summary>
    public Task<RedisResult> EvaluateBatchAsync(List<PendingRedisDecision> batch)
    {
        int count = batch.Count;
        var args = new RedisValue[2 + (2 * count)];
        args[0] = _limit;
        args[1] = _windowMicros;
        var distinct = new string[count];
        int keyCount = 0;
        for (int i = 0; i < count; i++)
        {
            PendingRedisDecision decision = batch[i];
            string key = decision.Key;
            int index = 0;
            while (index < keyCount && !string.Equals(distinct[index], key, StringComparison.Ordinal))
            {
                index++;
            }

            if (index == keyCount)
            {
                distinct[keyCount++] = key;
            }

            args[2 + (2 * i)] = index + 1;
            args[3 + (2 * i)] = decision.Cost;
        }

        var keys = new RedisKey[keyCount];
        for (int k = 0; k < keyCount; k++)
        {
            keys[k] = Key(distinct[k]);
        }

        return EvaluateAsync(keys, args, batch: true, default);
    }

    /// <summary>Reads decision <paramref name="index"/> of a call's result.</summary>
    public static RedisWindowResult Read(RedisResult result, int index)
    {
        int offset = 1 + (4 * index);
        return new RedisWindowResult(
            (long)result[offset] == 1,
            (int)(long)result[offset + 1],
            (long)result[offset + 2],
            (long)result[offset + 3],
            (long)result[0]);
    }

    internal static bool IsNoScript(RedisServerException exception) =>
        exception.Message.StartsWith("NOSCRIPT", StringComparison.OrdinalIgnoreCase);

    // The prefix is kept apart from the key: the client writes both without concatenating a new string.
    internal RedisKey Key(string key) => new RedisKey(key).Prepend(_prefix);

    private async Task<RedisResult> EvaluateAsync(RedisKey[] keys, RedisValue[] args, bool batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            return await (batch ? _database.ScriptEvaluateBatchAsync(_sha1, keys, args) : _database.ScriptEvaluateAsync(_sha1, keys, args, cancellationToken))
                .ConfigureAwait(false);
        }
        catch (RedisServerException e) when (IsNoScript(e))
        {
            OnReload();
            return await _database.ScriptEvaluateAsync(_script, keys, args, cancellationToken).ConfigureAwait(false);
        }
    }

    private RedisValue[] Args(int cost) => cost == 1 ? _costOne : [_limit, _windowMicros, 1, cost];

    private void OnReload()
    {
        Interlocked.Increment(ref _reloads);
        Reloaded?.Invoke();
    }
}

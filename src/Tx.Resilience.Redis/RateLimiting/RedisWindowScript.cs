using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// Runs the decision script: EVALSHA by its SHA-1 (loaded once), and EVAL — which loads it again — when the server
/// answers NOSCRIPT (restarted, SCRIPT FLUSH, failover). One round trip per decision either way.
/// </summary>
internal sealed class RedisWindowScript
{
    private readonly IDatabase _database;
    private readonly string _script;
    private readonly byte[] _sha1;
    private readonly RedisKey _prefix;
    private readonly RedisValue _limit;
    private readonly RedisValue _windowMicros;
    private readonly RedisValue[] _costOne;
    private long _reloads;

    public RedisWindowScript(IDatabase database, RedisRateLimiterOptions options)
    {
        _database = database;
        _script = options.Algorithm == SlidingWindowAlgorithm.Log ? RedisRateLimitScripts.Log : RedisRateLimitScripts.Counter;
#pragma warning disable CA5350 // SHA-1 is what EVALSHA addresses scripts by; it is not used for security.
        _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(_script));
#pragma warning restore CA5350
        _prefix = options.KeyPrefix;
        _limit = options.PermitLimit;
        _windowMicros = options.Window.Ticks / 10;
        _costOne = [_limit, _windowMicros, 1];
    }

    /// <summary>Gets how many times the script had to be sent again because the server had lost it.</summary>
    public long Reloads => Volatile.Read(ref _reloads);

    /// <summary>Raised when the server had lost the script and it was sent again.</summary>
    public event Action? Reloaded;

    public RedisWindowResult Evaluate(string key, int cost)
    {
        RedisKey[] keys = [Key(key)];
        RedisValue[] args = Args(cost);
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

        return Parse(result);
    }

    public async Task<RedisWindowResult> EvaluateAsync(string key, int cost)
    {
        RedisKey[] keys = [Key(key)];
        RedisValue[] args = Args(cost);
        RedisResult result;
        try
        {
            result = await _database.ScriptEvaluateAsync(_sha1, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (IsNoScript(e))
        {
            OnReload();
            result = await _database.ScriptEvaluateAsync(_script, keys, args).ConfigureAwait(false);
        }

        return Parse(result);
    }

    internal static bool IsNoScript(RedisServerException exception) =>
        exception.Message.StartsWith("NOSCRIPT", StringComparison.OrdinalIgnoreCase);

    private static RedisWindowResult Parse(RedisResult result) => new(
        (long)result[0] == 1,
        (int)(long)result[1],
        (long)result[2],
        (long)result[3],
        (long)result[4]);

    // The prefix is kept apart from the key: the client writes both without concatenating a new string.
    private RedisKey Key(string key) => new RedisKey(key).Prepend(_prefix);

    private RedisValue[] Args(int cost) => cost == 1 ? _costOne : [_limit, _windowMicros, cost];

    private void OnReload()
    {
        Interlocked.Increment(ref _reloads);
        Reloaded?.Invoke();
    }
}

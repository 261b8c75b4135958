using StackExchange.Redis;

namespace Tx.Resilience.Redis.Tests;

/// <summary>Reads a limiter's exact log as stored: a packed string of 16-digit entries or a sorted set.</summary>
internal static class RedisLogReader
{
    /// <summary>Gets the number of entries (permits) the key's log holds.</summary>
    public static async Task<long> LengthAsync(IDatabase database, RedisKey key) =>
        await database.KeyTypeAsync(key) switch
        {
            RedisType.String => await database.StringLengthAsync(key) / 16,
            RedisType.SortedSet => await database.SortedSetLengthAsync(key),
            RedisType.None => 0,
            RedisType type => throw new InvalidOperationException($"A log is a string or a sorted set, not {type}."),
        };

    /// <summary>Gets the grant times (server µs) of a packed log, oldest first.</summary>
    public static async Task<long[]> PackedEntriesAsync(IDatabase database, RedisKey key)
    {
        string log = (string?)await database.StringGetAsync(key) ?? string.Empty;
        return Enumerable.Range(0, log.Length / 16).Select(i => long.Parse(log.AsSpan(i * 16, 16), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}

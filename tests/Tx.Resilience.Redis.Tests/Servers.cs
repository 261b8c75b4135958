using StackExchange.Redis;
using Tx.Resilience.Redis.Embedded;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests;

/// <summary>The two servers every run tests against: Debian's Redis and an embedded Garnet, shared by the assembly.</summary>
public sealed class Servers : IDisposable
{
    private readonly Lazy<EmbeddedGarnetServer> _garnet = new(() => EmbeddedGarnetServer.Start());
    private readonly Lazy<ConnectionMultiplexer> _redisConnection = new(() => ConnectionMultiplexer.Connect(RedisConnectionString));
    private readonly Lazy<ConnectionMultiplexer> _garnetConnection;

    public Servers()
    {
        _garnetConnection = new(() =>
        {
            ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(GarnetConnectionString);

            // The first script a fresh Garnet runs pays its Lua start-up; do that before any test times a call.
            connection.GetDatabase().ScriptEvaluate("return redis.call('TIME')");
            return connection;
        });
    }

    public static string RedisConnectionString => TestEnvironment.Redis + ",allowAdmin=true";

    public string GarnetConnectionString => _garnet.Value.ConnectionString;

    /// <summary>Gets the embedded Garnet server itself, for limiters that run on it in process.</summary>
    public EmbeddedGarnetServer GarnetServer => _garnet.Value;

    public ConnectionMultiplexer Redis => _redisConnection.Value;

    public ConnectionMultiplexer Garnet => _garnetConnection.Value;

    public void Dispose()
    {
        if (_redisConnection.IsValueCreated)
        {
            _redisConnection.Value.Dispose();
        }

        if (_garnetConnection.IsValueCreated)
        {
            _garnetConnection.Value.Dispose();
        }

        if (_garnet.IsValueCreated)
        {
            _garnet.Value.Dispose();
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using Tx.Resilience.Redis.Embedded;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.Embedded;

[Collection(ServersCollection.Name)]
public sealed class GarnetSessionScriptExecutorTests(Servers servers)
{
    private readonly string _prefix = $"tx:test:{Guid.NewGuid():N}:";

    [Fact]
    public void ScriptEvaluate_NestedReply_RoundTripsEveryRespType()
    {
        GarnetSessionScriptExecutor executor = servers.GarnetServer.ScriptExecutor;
        const string Script = "return { tonumber(ARGV[1]), ARGV[2], KEYS[1], { 7, 'x' }, redis.status_reply('FINE'), false }";

        RedisResult result = executor.ScriptEvaluate(Script, [_prefix + "k"], [-42, "héllo \r\n world"]);

        Assert.Equal(ResultType.Array, result.Resp2Type);
        Assert.Equal(6, result.Length);
        Assert.Equal(-42L, (long)result[0]);
        Assert.Equal("héllo \r\n world", (string?)result[1]);
        Assert.Equal(_prefix + "k", (string?)result[2]);
        Assert.Equal(7L, (long)result[3][0]);
        Assert.Equal("x", (string?)result[3][1]);
        Assert.Equal("FINE", (string?)result[4]);
        Assert.True(result[5].IsNull);
    }

    [Fact]
    public async Task ScriptEvaluate_WritesThroughSession_VisibleToTcpClients()
    {
        GarnetSessionScriptExecutor executor = servers.GarnetServer.ScriptExecutor;

        RedisResult result = await executor.ScriptEvaluateAsync(
            "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('INCRBY', KEYS[1], 5)", [_prefix + "n"], [10]);

        Assert.Equal(15L, (long)result);
        Assert.Equal(15L, (long)await servers.Garnet.GetDatabase().StringGetAsync(_prefix + "n"));
    }

    [Fact]
    public void ScriptEvaluate_ScriptError_ThrowsRedisServerException()
    {
        GarnetSessionScriptExecutor executor = servers.GarnetServer.ScriptExecutor;

        var error = Assert.Throws<RedisServerException>(() => executor.ScriptEvaluate("return redis.error_reply('BOOM broke')", [], []));

        Assert.Contains("BOOM broke", error.Message, StringComparison.Ordinal);
        Assert.False(RedisWindowScript.IsNoScript(error));
    }

    [Fact]
    public async Task ScriptEvaluateAsync_UnknownSha_FailsWithNoScriptThenEvalLoadsIt()
    {
        GarnetSessionScriptExecutor executor = servers.GarnetServer.ScriptExecutor;
        string script = $"return '{Guid.NewGuid():N}'";
#pragma warning disable CA5350 // EVALSHA addresses scripts by SHA-1.
        byte[] sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(script));
#pragma warning restore CA5350

        var missing = await Assert.ThrowsAsync<RedisServerException>(() => executor.ScriptEvaluateAsync(sha1, [], []));
        RedisResult loaded = await executor.ScriptEvaluateAsync(script, [], []);
        RedisResult bySha = await executor.ScriptEvaluateAsync(sha1, [], []);

        Assert.True(RedisWindowScript.IsNoScript(missing));
        Assert.Equal((string?)loaded, (string?)bySha);
    }

    [Fact]
    public async Task DecideAsync_InProcessAndTcpLimitersOnOneKey_GrantExactlyTheLimit()
    {
        // A generous timeout: this test is about exact decisions. With the default 500 ms, a slow moment on the shared CI
        // machine (16 callers, half of them blocking pool threads) once turned one decision into a fail-closed rejection.
        var options = new RedisRateLimiterOptions
        {
            KeyPrefix = _prefix,
            PermitLimit = 100,
            Window = TimeSpan.FromMinutes(1),
            FailurePolicy = RedisFailurePolicy.FailClosed,
            OperationTimeout = TimeSpan.FromSeconds(10),
        };
        using var inProcess = new RedisPartitionedRateLimiter(servers.GarnetServer, options);
        using var overTcp = new RedisPartitionedRateLimiter(servers.Garnet, options);
        int granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            RedisPartitionedRateLimiter limiter = i % 2 == 0 ? inProcess : overTcp;
            for (int n = 0; n < 20; n++)
            {
                if ((n % 3 == 0 ? limiter.Decide("shared") : await limiter.DecideAsync("shared")).IsAllowed)
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));

        Assert.Equal(100, granted);
        Assert.Equal(100, await RedisLogReader.LengthAsync(servers.Garnet.GetDatabase(), _prefix + "shared"));
        Assert.InRange(inProcess.ScriptCalls, 1, 160);
    }
}

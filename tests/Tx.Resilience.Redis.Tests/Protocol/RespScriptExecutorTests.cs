using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Tx.Resilience.Redis.Protocol;
using Tx.Resilience.Redis.RateLimiting;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests.Protocol;

/// <summary>The direct transport on its own, against Debian's Redis and private servers it can stall or stop.</summary>
[Collection(ServersCollection.Name)]
public sealed class RespScriptExecutorTests(Servers servers)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ScriptEvaluateAsync_ManyConcurrentCallers_EachGetsItsOwnReply()
    {
        using var executor = Executor(servers.Redis);

        RedisResult[] results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var replies = new List<RedisResult>();
            for (int j = 0; j < 10; j++)
            {
                replies.Add(await executor.ScriptEvaluateAsync("return ARGV[1] * 100 + ARGV[2]", [], [i, j]));
            }

            return replies.Last();
        })));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => (long)((i * 100) + 9)), results.Select(r => (long)r));
    }

    [Fact]
    public async Task ScriptEvaluate_ErrorReplies_ThrowServerExceptionsAndTheConnectionStaysUsable()
    {
        using var executor = Executor(servers.Redis);

        var error = Assert.Throws<RedisServerException>(() => executor.ScriptEvaluate("return redis.error_reply('boom')", [], []));
        var noScript = await Assert.ThrowsAsync<RedisServerException>(() => executor.ScriptEvaluateAsync(new byte[20], [], []));
        RedisResult after = executor.ScriptEvaluate("return 42", [], []);

        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("NOSCRIPT", noScript.Message, StringComparison.Ordinal);
        Assert.Equal(42, (long)after);
    }

    [Fact]
    public async Task ScriptEvaluate_DefaultDatabase_RunsInThatDatabase()
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis + ",defaultDatabase=3");
        using var executor = Executor(connection);
        RedisKey key = $"tx:test:{Guid.NewGuid():N}";

        executor.ScriptEvaluate("return redis.call('SET', KEYS[1], 'db3', 'PX', 60000)", [key], []);

        Assert.Equal("db3", (string?)await connection.GetDatabase(3).StringGetAsync(key));
        Assert.False(await connection.GetDatabase(0).KeyExistsAsync(key));
    }

    [Fact]
    public async Task ScriptEvaluate_ServerUnreachable_ThrowsConnectionException()
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200");
        using var executor = Executor(connection);

        Assert.Throws<RedisConnectionException>(() => executor.ScriptEvaluate("return 1", [], []));
        await Assert.ThrowsAsync<RedisConnectionException>(() => executor.ScriptEvaluateAsync("return 1", [], []));
    }

    [Fact]
    public async Task ScriptEvaluateAsync_ServerStalledThenRestarted_TimesOutThenReconnectsByItself()
    {
        using var server = new PrivateRedisServer();
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},allowAdmin=true,asyncTimeout=10000");
        using var executor = new RespScriptExecutor(RespServerAddress.From(connection)!, TimeSpan.FromMilliseconds(100), TimeProvider.System);
        Assert.Equal(1, (long)await executor.ScriptEvaluateAsync("return 1", [], []));

        // The SLEEP may reach the server a moment after a call: call until one times out, bounded by the stall.
        Task stall = admin.GetDatabase().ExecuteAsync("DEBUG", "SLEEP", "1");
        RedisTimeoutException? timedOut = null;
        while (timedOut is null && !stall.IsCompleted)
        {
            try
            {
                await executor.ScriptEvaluateAsync("return 2", [], []);
            }
            catch (RedisTimeoutException e)
            {
                timedOut = e;
            }
        }

        await stall.WaitAsync(Timeout);
        RedisResult afterStall = await EventuallyAsync(() => executor.ScriptEvaluateAsync("return 3", [], []));
        server.Stop();
        await Assert.ThrowsAnyAsync<RedisException>(() => executor.ScriptEvaluateAsync("return 4", [], []));
        server.Start();
        RedisResult afterRestart = await EventuallyAsync(() => executor.ScriptEvaluateAsync("return 5", [], []));

        Assert.NotNull(timedOut);
        Assert.Equal(3, (long)afterStall);
        Assert.Equal(5, (long)afterRestart);
    }

    [Fact]
    public async Task ScriptEvaluateAsync_LoneCallCancelledWhileNoReplyComes_EndsCancelledBeforeItsTimeout()
    {
        // A server that accepts and never answers: the lone call blocks in its receive until cancelled.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var address = new RespServerAddress(silent.LocalEndpoint, null, null, 0, Timeout, Timeout);
        using var executor = new RespScriptExecutor(address, TimeSpan.FromMinutes(5), TimeProvider.System);
        using var cancellation = new CancellationTokenSource();

        Task<RedisResult> call = Task.Run(() => executor.ScriptEvaluateAsync("return 1", [], [], cancellation.Token));
        using Socket accepted = await silent.AcceptSocketAsync().WaitAsync(Timeout);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Timeout));
        Assert.True(call.IsCanceled);
    }

    [Fact]
    public async Task ScriptEvaluate_IdleConnectionClosedByTheServer_NextCallOpensAFreshOne()
    {
        using var server = new PrivateRedisServer();
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},allowAdmin=true");
        var time = new FakeTimeProvider();
        using var executor = new RespScriptExecutor(RespServerAddress.From(connection)!, Timeout, time);
        Assert.Equal(1, (long)executor.ScriptEvaluate("return 1", [], []));

        // The server drops every other client (as an idle timeout or a proxy would); the executor's socket sits idle.
        await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(2, (long)executor.ScriptEvaluate("return 2", [], []));
        Assert.Equal(3, (long)await executor.ScriptEvaluateAsync("return 3", [], []));
    }

    [Fact]
    public async Task ScriptEvaluate_HostNameThatDoesNotResolve_ThrowsConnectionException()
    {
        var address = new RespServerAddress(new DnsEndPoint("no-such-host.invalid", 6379), null, null, 0, Timeout, Timeout);
        using var executor = new RespScriptExecutor(address, Timeout, TimeProvider.System);

        var sync = Assert.Throws<RedisConnectionException>(() => executor.ScriptEvaluate("return 1", [], []));
        await Assert.ThrowsAsync<RedisConnectionException>(() => executor.ScriptEvaluateAsync("return 1", [], []));

        Assert.Contains("no-such-host.invalid", sync.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptEvaluateAsync_LoneCallsSoonAfterContention_GoThroughTheSharedClientUntilTheWindowPasses()
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var shared = new CountingExecutor(new DatabaseScriptExecutor(connection.GetDatabase()));
        var time = new FakeTimeProvider();
        using var executor = new RespScriptExecutor(RespServerAddress.From(connection)!, Timeout, time, shared);

        await executor.ScriptEvaluateAsync("return 1", [], []);
        int afterLone = shared.Calls;
        await executor.ScriptEvaluateBatchAsync(Sha1("return 2"), [], []).ContinueWith(_ => { }, TaskScheduler.Default);
        await executor.ScriptEvaluateAsync("return 3", [], []);
        executor.ScriptEvaluate("return 4", [], []);
        int afterContention = shared.Calls;
        time.Advance(TimeSpan.FromMilliseconds(2));
        await executor.ScriptEvaluateAsync("return 5", [], []);
        executor.ScriptEvaluate("return 6", [], []);

        Assert.Equal(0, afterLone);
        Assert.Equal(3, afterContention); // the batch, then both lone calls within the window
        Assert.Equal(3, shared.Calls); // after the window: the executor's own socket again
    }

    private static byte[] Sha1(string script)
    {
#pragma warning disable CA5350 // EVALSHA addresses scripts by SHA-1.
        return System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(script));
#pragma warning restore CA5350
    }

    private static RespScriptExecutor Executor(ConnectionMultiplexer connection) =>
        new(RespServerAddress.From(connection)!, Timeout, TimeProvider.System);

    // The 100 ms timeout is short for a loaded machine: a call may time out again, but a later one gets through, bounded.
    private static async Task<RedisResult> EventuallyAsync(Func<Task<RedisResult>> call)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RedisTimeoutException) when (attempt < 50)
            {
            }
        }
    }

    private sealed class CountingExecutor(IRedisScriptExecutor inner) : IRedisScriptExecutor
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public RedisResult ScriptEvaluate(byte[] hash, RedisKey[] keys, RedisValue[] values) => Count(() => inner.ScriptEvaluate(hash, keys, values));

        public RedisResult ScriptEvaluate(string script, RedisKey[] keys, RedisValue[] values) => Count(() => inner.ScriptEvaluate(script, keys, values));

        public Task<RedisResult> ScriptEvaluateAsync(byte[] hash, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default) =>
            Count(() => inner.ScriptEvaluateAsync(hash, keys, values, cancellationToken));

        public Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default) =>
            Count(() => inner.ScriptEvaluateAsync(script, keys, values, cancellationToken));

        private T Count<T>(Func<T> call)
        {
            Interlocked.Increment(ref _calls);
            return call();
        }
    }
}

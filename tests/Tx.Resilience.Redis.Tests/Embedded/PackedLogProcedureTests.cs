using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using StackExchange.Redis;
using Tx.Resilience.Redis.Embedded;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.Embedded;

/// <summary>
/// The native packed log against the Lua script it replaces. The equivalence property runs both on a private embedded
/// Garnet whose native procedure reads a fake clock, and the script with TIME replaced by the same instant (passed as
/// two extra arguments), so every decision and stored byte can be compared exactly; the other tests use the shared
/// server on the real clock.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PackedLogProcedureTests(Servers servers, PackedLogProcedureTests.FakeClockGarnet fake)
    : IClassFixture<PackedLogProcedureTests.FakeClockGarnet>
{
#pragma warning disable CA5350 // EVALSHA addresses scripts by SHA-1.
    private static readonly byte[] PackedLogSha1 = SHA1.HashData(Encoding.UTF8.GetBytes(RedisRateLimitScripts.PackedLog));
#pragma warning restore CA5350

    private readonly string _prefix = $"tx:test:{Guid.NewGuid():N}:";

    [Property(MaxTest = 25)]
    public void ScriptEvaluate_RandomBatchesAndClockSteps_NativeDecidesAndStoresExactlyAsLua(int seed)
    {
        var random = new Random(seed);
        string run = Guid.NewGuid().ToString("N");
        string native = $"tx:eq:{run}:n:";
        string lua = $"tx:eq:{run}:l:";
        string[] names = ["a", "b", "c"];
        long limit = random.Next(1, 13);
        long window = random.Next(60, 300) * 1_000_000L;
        IDatabase database = fake.Connection.GetDatabase();
        if (random.Next(3) == 0)
        {
            // A key of another type (a sorted-set log under the same prefix) is replaced by both.
            database.SortedSetAdd(native + "c", "x", 1);
            database.SortedSetAdd(lua + "c", "x", 1);
        }

        for (int step = 0; step < 40; step++)
        {
            int roll = random.Next(10);
            long advance = roll switch
            {
                < 5 => 0,
                < 8 => random.NextInt64(1, window / 3),
                8 => random.NextInt64(window / 2, window * 3 / 2),
                _ => -random.NextInt64(1, 2_000_000), // the clock steps back
            };
            fake.Clock.Now += TimeSpan.FromTicks(advance * 10);
            int decisions = random.Next(1, 5);
            var distinct = new List<string>();
            var args = new List<RedisValue> { limit, window };
            for (int d = 0; d < decisions; d++)
            {
                string name = names[random.Next(names.Length)];
                int index = distinct.IndexOf(name);
                if (index < 0)
                {
                    distinct.Add(name);
                    index = distinct.Count - 1;
                }

                long cost = random.Next(8) switch
                {
                    0 => 0,
                    1 => 2,
                    2 => limit,
                    3 => limit + 1,
                    _ => 1,
                };
                args.Add(index + 1);
                args.Add(cost);
            }

            long started = Stopwatch.GetTimestamp();
            long[] fromNative = Longs(fake.Native.ScriptEvaluate(
                PackedLogSha1, [.. distinct.Select(k => (RedisKey)(native + k))], [.. args]));
            long now = fromNative[0];
            long[] fromLua = Longs(fake.Lua.ScriptEvaluate(
                FixedClockScript, [.. distinct.Select(k => (RedisKey)(lua + k))], [.. args, now / 1_000_000, now % 1_000_000]));

            Assert.Equal(fake.NowMicros, now);
            Assert.Equal(fromLua, fromNative);
            foreach (string name in names)
            {
                RedisType type = database.KeyType(native + name);
                Assert.Equal(database.KeyType(lua + name), type);
                if (type != RedisType.String)
                {
                    continue;
                }

                Assert.Equal((string?)database.StringGet(lua + name), (string?)database.StringGet(native + name));
                TimeSpan? nativeTtl = database.KeyTimeToLive(native + name);
                TimeSpan? luaTtl = database.KeyTimeToLive(lua + name);
                Assert.Equal(luaTtl.HasValue, nativeTtl.HasValue);
                if (nativeTtl.HasValue)
                {
                    // Same PX, set moments apart on the real clock: the TTLs differ by at most the time since the native
                    // call (a stall of the test process, a full GC, counts) plus a second of rounding.
                    TimeSpan slack = Stopwatch.GetElapsedTime(started) + TimeSpan.FromSeconds(1);
                    Assert.InRange((nativeTtl.Value - luaTtl!.Value).Duration(), TimeSpan.Zero, slack);
                }
            }
        }
    }

    [Fact]
    public void ScriptEvaluate_NeverLoadedBySha_RunsNativelyWithoutNoScript()
    {
        Assert.True(fake.Server.NativePackedLog);
        Assert.True(fake.Native.NativePackedLog);
        fake.Connection.GetServer(fake.Server.ConnectionString.Split(',')[0]).ScriptFlush();

        long[] result = Longs(fake.Native.ScriptEvaluate(PackedLogSha1, [_prefix + "k"], [3, 1_000_000, 1, 2]));
        var missing = Assert.Throws<RedisServerException>(() => fake.Lua.ScriptEvaluate(PackedLogSha1, [_prefix + "k"], [3, 1_000_000, 1, 1]));

        Assert.Equal([fake.NowMicros, 1, 1, fake.NowMicros + 1_000_000, 0], result);
        Assert.True(RedisWindowScript.IsNoScript(missing));
    }

    [Fact]
    public async Task ScriptEvaluate_SystemClock_NowIsGarnetTime()
    {
        IServer server = servers.Garnet.GetServer(servers.GarnetConnectionString.Split(',')[0]);
        long before = (await server.TimeAsync()).Ticks;

        long now = Longs(servers.GarnetServer.ScriptExecutor.ScriptEvaluate(PackedLogSha1, [_prefix + "t"], [5, 60_000_000, 1, 1]))[0];

        long after = (await server.TimeAsync()).Ticks;
        Assert.True(servers.GarnetServer.NativePackedLog);
        Assert.InRange(now, (before - DateTime.UnixEpoch.Ticks) / 10, (after - DateTime.UnixEpoch.Ticks) / 10);
    }

    [Fact]
    public async Task ScriptEvaluate_NativeThenLuaOverTcpAndBack_ShareOneLog()
    {
        GarnetSessionScriptExecutor native = servers.GarnetServer.ScriptExecutor;
        IDatabase tcp = servers.Garnet.GetDatabase();
        RedisKey[] keys = [_prefix + "shared"];
        const long Window = 60_000_000;

        long[] first = Longs(native.ScriptEvaluate(PackedLogSha1, keys, [5, Window, 1, 2]));
        long[] second = Longs(await tcp.ScriptEvaluateAsync(RedisRateLimitScripts.PackedLog, keys, [5, Window, 1, 3]));
        long[] third = Longs(native.ScriptEvaluate(PackedLogSha1, keys, [5, Window, 1, 1]));
        long[] fourth = Longs(await tcp.ScriptEvaluateAsync(RedisRateLimitScripts.PackedLog, keys, [5, Window, 1, 0]));

        Assert.Equal([1, 3, first[0] + Window, 0], first[1..]);
        Assert.Equal([1, 0, first[0] + Window, 0], second[1..]);
        Assert.Equal([0, 0, first[0] + Window, first[0] + Window - third[0]], third[1..]);
        Assert.Equal([0, 0, first[0] + Window, first[0] + Window - fourth[0]], fourth[1..]);
        string log = (string)(await tcp.StringGetAsync(keys[0]))!;
        string firstStamp = first[0].ToString("D16", CultureInfo.InvariantCulture);
        string secondStamp = second[0].ToString("D16", CultureInfo.InvariantCulture);
        Assert.Equal(firstStamp + firstStamp + secondStamp + secondStamp + secondStamp, log);
        TimeSpan? ttl = await tcp.KeyTimeToLiveAsync(keys[0]);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(62));
    }

    [Fact]
    public void ScriptEvaluate_KeyHoldsSortedSetLog_NativeReplacesIt()
    {
        IDatabase tcp = servers.Garnet.GetDatabase();
        RedisKey[] keys = [_prefix + "typed"];
        tcp.ScriptEvaluate(RedisRateLimitScripts.Log, keys, [2_000, 60_000_000, 1, 5]);

        long[] result = Longs(servers.GarnetServer.ScriptExecutor.ScriptEvaluate(PackedLogSha1, keys, [3, 60_000_000, 1, 1]));

        Assert.Equal([1, 2, result[0] + 60_000_000, 0], result[1..]);
        Assert.Equal(RedisType.String, tcp.KeyType(keys[0]));
        Assert.Equal(16, tcp.StringLength(keys[0]));
    }

    [Fact]
    public async Task ScriptEvaluate_ManySessionsAndTcpScriptsOnOneKey_NeverGrantMoreThanTheLimit()
    {
        const int Limit = 60;
        RedisKey[] keys = [_prefix + "hot"];
        IDatabase tcp = servers.Garnet.GetDatabase();
        GarnetSessionScriptExecutor[] sessions = [.. Enumerable.Range(0, 6).Select(_ => new GarnetSessionScriptExecutor(servers.GarnetServer.Host, nativePackedLog: true))];
        int granted = 0;
        try
        {
            Task native = Task.WhenAll(sessions.Select(session => Task.Run(() =>
            {
                for (int i = 0; i < 40; i++)
                {
                    if ((long)session.ScriptEvaluate(PackedLogSha1, keys, [Limit, 60_000_000, 1, 1])[1] == 1)
                    {
                        Interlocked.Increment(ref granted);
                    }
                }
            })));
            Task lua = Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < 40; i++)
                {
                    if ((long)(await tcp.ScriptEvaluateAsync(RedisRateLimitScripts.PackedLog, keys, [Limit, 60_000_000, 1, 1]))[1] == 1)
                    {
                        Interlocked.Increment(ref granted);
                    }
                }
            })));
            await Task.WhenAll(native, lua);
        }
        finally
        {
            foreach (GarnetSessionScriptExecutor session in sessions)
            {
                session.Dispose();
            }
        }

        Assert.Equal(Limit, granted);
        Assert.Equal(Limit * 16, await tcp.StringLengthAsync(keys[0]));
    }

    [Fact]
    public async Task Execute_CommandOverTcp_RepliesAsTheScript()
    {
        IDatabase tcp = servers.Garnet.GetDatabase();

        RedisResult result = await tcp.ExecuteAsync(PackedLogProcedure.Name, 2, _prefix + "x", _prefix + "y", 2, 1_000_000, 1, 1, 2, 3, 1, 1);

        long[] values = Longs(result);
        long now = values[0];
        Assert.Equal([now, 1, 1, now + 1_000_000, 0, 0, 2, now, 1_000_000, 1, 0, now + 1_000_000, 0], values);
    }

    private static string FixedClockScript { get; } = FixClock(RedisRateLimitScripts.PackedLog);

    private static string FixClock(string script)
    {
        string fixedTime = script
            .Replace("redis.call('TIME')", "{ ARGV[#ARGV - 1], ARGV[#ARGV] }", StringComparison.Ordinal)
            .Replace("for a = 3, #ARGV, 2 do", "for a = 3, #ARGV - 2, 2 do", StringComparison.Ordinal);
        Assert.Equal(script.Length + 18, fixedTime.Length);
        return fixedTime;
    }

    private static long[] Longs(RedisResult result) => [.. ((RedisResult[])result!).Select(r => (long)r)];

    /// <summary>A private embedded Garnet whose native packed log reads a fake clock.</summary>
    public sealed class FakeClockGarnet : IDisposable
    {
        public FakeClockGarnet()
        {
            Clock = new SettableClock { Now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567) };
            Server = EmbeddedGarnetServer.Start(0, null, Clock);
            Native = Server.ScriptExecutor;
            Lua = new GarnetSessionScriptExecutor(Server.Host, nativePackedLog: false);
            Connection = ConnectionMultiplexer.Connect(Server.ConnectionString);
        }

        public SettableClock Clock { get; }

        public EmbeddedGarnetServer Server { get; }

        internal GarnetSessionScriptExecutor Native { get; }

        internal GarnetSessionScriptExecutor Lua { get; }

        public ConnectionMultiplexer Connection { get; }

        public long NowMicros => (Clock.Now.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / 10;

        public void Dispose()
        {
            Connection.Dispose();
            Lua.Dispose();
            Server.Dispose();
        }
    }

    /// <summary>A clock that also steps back (a fake time provider only moves forward), as a server's clock may.</summary>
    public sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

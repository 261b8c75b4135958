using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.Protocol;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>
/// The contract the distributed limiter meets on every server (Debian's Redis and the embedded Garnet) and over every
/// transport (its own direct sockets, and the StackExchange.Redis connection).
/// </summary>
public abstract class RedisPartitionedRateLimiterTests : IDisposable
{
    private readonly string _prefix = $"tx:test:{Guid.NewGuid():N}:";
    private readonly List<IDisposable> _executors = [];

    protected abstract ConnectionMultiplexer Connection { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>Gets the transport of the limiters and scripts under test.</summary>
    protected virtual RedisTransport Transport => RedisTransport.Direct;

    /// <summary>Gets whether a lone script call completes on the caller's thread (in process, or the direct transport to
    /// a server of another process): decisions issued one after the other from one thread then never find a call in
    /// flight to queue behind.</summary>
    protected virtual bool DecidesSynchronously =>
        Transport == RedisTransport.Direct && !RespServerAddress.From(Connection)!.ServerInProcess;

    /// <summary>Gets a value indicating whether the packed log runs as the embedded Garnet's native procedure, not as a script.</summary>
    protected virtual bool PackedLogIsNative => false;

    [Theory]
    [InlineData(SlidingWindowAlgorithm.Log, false)]
    [InlineData(SlidingWindowAlgorithm.Log, true)]
    [InlineData(SlidingWindowAlgorithm.Counter, false)]
    public async Task DecideAsync_GuideExample_RemainingCountsDownThenRejects(SlidingWindowAlgorithm algorithm, bool sortedSetLog)
    {
        using RedisPartitionedRateLimiter limiter = Create(o =>
        {
            o.Algorithm = algorithm;
            UseSortedSetLog(o, sortedSetLog);
        });
        DateTimeOffset serverNow = ServerTime();

        RateLimitDecision first = await limiter.DecideAsync("192.168.1.1");
        for (int i = 2; i <= 100; i++)
        {
            RateLimitDecision decision = i % 2 == 0 ? await limiter.DecideAsync("192.168.1.1") : limiter.Decide("192.168.1.1");
            Assert.True(decision.IsAllowed);
            Assert.Equal(100 - i, decision.Remaining);
            Assert.Equal(TimeSpan.Zero, decision.RetryAfter);
        }

        RateLimitDecision rejected = await limiter.DecideAsync("192.168.1.1");

        Assert.True(first.IsAllowed);
        Assert.Equal(99, first.Remaining);
        Assert.Equal(100, first.Limit);
        Assert.False(rejected.IsAllowed);
        Assert.Equal(0, rejected.Remaining);
        // The counter's fixed windows are aligned to the epoch: its burst frees permits from the next window on.
        Assert.InRange(rejected.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(15.2));
        Assert.InRange(rejected.ResetAt, serverNow, serverNow.AddMinutes(15.3));
        if (algorithm == SlidingWindowAlgorithm.Log)
        {
            // Exact: the reset is the first grant's expiry, on the server's clock.
            Assert.Equal(first.ResetAt, rejected.ResetAt);
            Assert.InRange(rejected.RetryAfter, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DecideAsync_ThirtyTwoConnectionsOneKey_GrantExactlyTheLimit(bool sortedSetLog)
    {
        const int Instances = 32;
        var connections = new List<ConnectionMultiplexer>();
        var limiters = new List<RedisPartitionedRateLimiter>();
        try
        {
            for (int i = 0; i < Instances; i++)
            {
                ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
                connections.Add(connection);
                limiters.Add(new RedisPartitionedRateLimiter(connection, Options(o =>
                {
                    o.Window = TimeSpan.FromMinutes(1);
                    UseSortedSetLog(o, sortedSetLog);
                })));
            }

            int granted = 0;
            await Task.WhenAll(limiters.Select(limiter => Task.Run(async () =>
            {
                for (int i = 0; i < 25; i++)
                {
                    if ((await limiter.DecideAsync("hot", cancellationToken: CancellationToken.None)).IsAllowed)
                    {
                        Interlocked.Increment(ref granted);
                    }
                }
            })));

            Assert.Equal(100, granted);
            Assert.Equal(100, await RedisLogReader.LengthAsync(Connection.GetDatabase(), _prefix + "hot"));
        }
        finally
        {
            limiters.ForEach(l => l.Dispose());
            connections.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task DecideAsync_ThirtyTwoConnectionsEachWithConcurrentCallers_BatchesAndGrantsExactlyTheLimitInOrder()
    {
        const int Instances = 32;
        const int CallersEach = 8;
        var connections = new List<ConnectionMultiplexer>();
        var limiters = new List<RedisPartitionedRateLimiter>();
        var remainingOfGrants = new List<int>();
        int decisions = 0;
        try
        {
            for (int i = 0; i < Instances; i++)
            {
                ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
                connections.Add(connection);
                limiters.Add(new RedisPartitionedRateLimiter(connection, Options(o => o.Window = TimeSpan.FromMinutes(1))));
            }

            await Task.WhenAll(limiters.SelectMany(limiter => Enumerable.Range(0, CallersEach).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < 4; i++)
                {
                    RateLimitDecision decision = await limiter.DecideAsync("hot-batched");
                    Interlocked.Increment(ref decisions);
                    if (decision.IsAllowed)
                    {
                        lock (remainingOfGrants)
                        {
                            remainingOfGrants.Add(decision.Remaining);
                        }
                    }
                    else
                    {
                        Assert.Equal(0, decision.Remaining);
                    }
                }
            }))));

            // Exactly the limit, and each grant saw its own place in the server's order: 99, 98, …, 0 once each.
            Assert.Equal(Enumerable.Range(0, 100), remainingOfGrants.Order());
            Assert.Equal(100, await RedisLogReader.LengthAsync(Connection.GetDatabase(), _prefix + "hot-batched"));
            Assert.Equal(Instances * CallersEach * 4, decisions);
            Assert.True(limiters.Sum(l => l.ScriptCalls) < decisions, "concurrent decisions were never coalesced");
        }
        finally
        {
            limiters.ForEach(l => l.Dispose());
            connections.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData(SlidingWindowAlgorithm.Log, false)]
    [InlineData(SlidingWindowAlgorithm.Log, true)]
    [InlineData(SlidingWindowAlgorithm.Counter, false)]
    public async Task Script_BatchOnOneKey_DecidesInOrderWithRemainingResetAndRetryAfter(SlidingWindowAlgorithm algorithm, bool sortedSetLog)
    {
        RedisRateLimiterOptions options = Options(o =>
        {
            o.PermitLimit = 10;
            o.Algorithm = algorithm;
            UseSortedSetLog(o, sortedSetLog);
        });
        RedisWindowScript script = CreateScript(options);
        List<PendingRedisDecision> batch =
        [
            new("b", 3), new("b", 4), new("other", 10), new("b", 5), new("b", 2), new("b", 1), new("b", 0), new("other", 1),
        ];

        RedisResult result = await script.EvaluateBatchAsync(batch);
        RedisWindowResult[] results = Enumerable.Range(0, batch.Count).Select(i => RedisWindowScript.Read(result, i)).ToArray();

        Assert.Equal([true, true, true, false, true, true, false, false], results.Select(r => r.Allowed));
        Assert.Equal([7, 3, 0, 3, 1, 0, 0, 0], results.Select(r => r.Remaining));
        Assert.Single(results.Select(r => r.NowMicros).Distinct());
        long now = results[0].NowMicros;
        long windowMicros = options.Window.Ticks / 10;
        Assert.All(results.Where(r => r.Allowed), r => Assert.Equal(0, r.RetryAfterMicros));
        // The counter's estimate may wait into the next fixed window.
        Assert.All(results.Where(r => !r.Allowed), r => Assert.InRange(r.RetryAfterMicros, 1, 2 * windowMicros));
        if (algorithm == SlidingWindowAlgorithm.Log)
        {
            // Every permit was granted at the same server time: all of them reset, and free up, one window later.
            Assert.All(results, r => Assert.Equal(now + windowMicros, r.ResetMicros));
            Assert.All(results.Where(r => !r.Allowed), r => Assert.Equal(windowMicros, r.RetryAfterMicros));
            Assert.Equal(10, await RedisLogReader.LengthAsync(Connection.GetDatabase(), _prefix + "b"));
            Assert.Equal(10, await RedisLogReader.LengthAsync(Connection.GetDatabase(), _prefix + "other"));
            Assert.True(await Connection.GetDatabase().KeyTimeToLiveAsync(_prefix + "b") > TimeSpan.FromMinutes(14));
        }

        // The next call continues where the batch left off.
        RedisWindowResult next = await script.EvaluateAsync("b", 1);
        Assert.False(next.Allowed);
        Assert.Equal(0, next.Remaining);
    }

    [Theory]
    [InlineData(RedisDecisionBatching.PerHashSlot)]
    [InlineData(RedisDecisionBatching.PerKey)]
    [InlineData(RedisDecisionBatching.None)]
    public async Task DecideAsync_ConcurrentCallersOnSeveralKeys_EachKeyGrantsExactlyItsLimit(RedisDecisionBatching batching)
    {
        using RedisPartitionedRateLimiter limiter = Create(o =>
        {
            o.PermitLimit = 10;
            o.Batching = batching;
            o.RejectionCacheMaxKeys = 0; // every decision goes to the server, so unbatched means one call each
        });
        string[] keys = ["k1", "k2", "k3", "k4"];
        var granted = new int[keys.Length];

        await Task.WhenAll(Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                int k = (caller + i) % keys.Length;
                if ((await limiter.DecideAsync(keys[k])).IsAllowed)
                {
                    Interlocked.Increment(ref granted[k]);
                }
            }
        })));

        Assert.All(granted, g => Assert.Equal(10, g));
        await PollAsync(() => Task.FromResult(limiter.KeyLaneCount), count => count == 0);
        if (batching == RedisDecisionBatching.None)
        {
            Assert.Equal(160, limiter.ScriptCalls);
        }
    }

    [Theory]
    [InlineData(SlidingWindowAlgorithm.Log, false)]
    [InlineData(SlidingWindowAlgorithm.Log, true)]
    [InlineData(SlidingWindowAlgorithm.Counter, false)]
    public async Task Decide_RejectedKey_FurtherRequestsRejectedWithoutARoundTripForUpToASecond(SlidingWindowAlgorithm algorithm, bool sortedSetLog)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using RedisPartitionedRateLimiter limiter = CreateLimiter(
            Options(o =>
            {
                o.PermitLimit = 3;
                o.Algorithm = algorithm;
                UseSortedSetLog(o, sortedSetLog);
            }),
            time);
        for (int i = 0; i < 3; i++)
        {
            Assert.True((await limiter.DecideAsync("hammer")).IsAllowed);
        }

        RateLimitDecision first = await limiter.DecideAsync("hammer");
        long calls = limiter.ScriptCalls;
        var later = new List<RateLimitDecision>();
        for (int i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(99));
            later.Add(i % 2 == 0 ? limiter.Decide("hammer") : await limiter.DecideAsync("hammer"));
        }

        Assert.False(first.IsAllowed);
        Assert.Equal(calls, limiter.ScriptCalls);
        Assert.Equal(1, limiter.RememberedRejections);
        Assert.All(later, d =>
        {
            Assert.False(d.IsAllowed);
            Assert.Equal(0, d.Remaining);
            Assert.Equal(3, d.Limit);
        });
        // The retry-after counts down from the server's with the local clock.
        Assert.InRange(first.RetryAfter - later[^1].RetryAfter, TimeSpan.FromMilliseconds(990), TimeSpan.FromMilliseconds(1_000));

        // Remembered for a second at most: then the server is asked again (and, the window being a minute, still rejects).
        time.Advance(TimeSpan.FromMilliseconds(20));
        RateLimitDecision asked = await limiter.DecideAsync("hammer");

        Assert.False(asked.IsAllowed);
        Assert.Equal(calls + 1, limiter.ScriptCalls);
        if (algorithm == SlidingWindowAlgorithm.Log)
        {
            Assert.Equal(first.ResetAt, later[0].ResetAt);
            Assert.Equal(3, await RedisLogReader.LengthAsync(Connection.GetDatabase(), _prefix + "hammer"));
        }
    }

    [Fact]
    public async Task DecideAsync_ConcurrentRejectionsInOneBatch_RememberedOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using RedisPartitionedRateLimiter limiter = CreateLimiter(Options(o => o.PermitLimit = 5), time);

        int[] costs = [.. Enumerable.Range(0, 12).Select(i => 1 + (i % 2))];
        RateLimitDecision[] decisions = await Task.WhenAll(costs.Select(cost => limiter.DecideAsync("burst", cost).AsTask()));
        long calls = limiter.ScriptCalls;
        RateLimitDecision afterwards = await limiter.DecideAsync("burst", 2);

        Assert.Equal(5, costs.Where((_, i) => decisions[i].IsAllowed).Sum());
        Assert.Equal(1, limiter.RememberedRejections);
        Assert.False(afterwards.IsAllowed);
        Assert.Equal(calls, limiter.ScriptCalls);
    }

    [Fact]
    public async Task Decide_KeyDeletedOnTheServer_RejectedUntilAskedAgainThenGrantedAndForgotten()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using RedisPartitionedRateLimiter limiter = CreateLimiter(Options(o => o.PermitLimit = 1), time);
        Assert.True(limiter.Decide("reset").IsAllowed);
        Assert.False(limiter.Decide("reset").IsAllowed);

        await Connection.GetDatabase().KeyDeleteAsync(_prefix + "reset");
        RateLimitDecision stillRemembered = await limiter.DecideAsync("reset");
        time.Advance(TimeSpan.FromSeconds(1));
        RateLimitDecision asked = await limiter.DecideAsync("reset");

        Assert.False(stillRemembered.IsAllowed);
        Assert.True(asked.IsAllowed);
        Assert.Equal(0, limiter.RememberedRejections);
    }

    [Fact]
    public async Task Decide_RejectedForALargerCost_SmallerCostStillAsksTheServer()
    {
        using RedisPartitionedRateLimiter limiter = Create(o => o.PermitLimit = 10);
        Assert.True(limiter.Decide("cost", 7).IsAllowed);

        RateLimitDecision tooLarge = limiter.Decide("cost", 5);
        RateLimitDecision fits = await limiter.DecideAsync("cost", 3);
        RateLimitDecision full = await limiter.DecideAsync("cost", 1);

        Assert.False(tooLarge.IsAllowed);
        Assert.Equal(3, tooLarge.Remaining);
        Assert.True(fits.IsAllowed);
        Assert.Equal(0, fits.Remaining);
        Assert.False(full.IsAllowed);
        Assert.Equal(4, limiter.ScriptCalls);
    }

    [Fact]
    public async Task Decide_RejectionCacheOff_EveryDecisionAsksTheServer()
    {
        using RedisPartitionedRateLimiter limiter = Create(o =>
        {
            o.PermitLimit = 1;
            o.RejectionCacheMaxKeys = 0;
        });

        Assert.True(limiter.Decide("off").IsAllowed);
        for (int i = 0; i < 5; i++)
        {
            Assert.False((await limiter.DecideAsync("off")).IsAllowed);
        }

        Assert.Equal(6, limiter.ScriptCalls);
        Assert.Equal(0, limiter.RememberedRejections);
    }

    [Fact]
    public async Task DecideAsync_StandaloneServer_OneCallSpansSeveralKeys()
    {
        using RedisPartitionedRateLimiter limiter = Create(o => o.PermitLimit = 1000);
        string[] keys = Enumerable.Range(0, 64).Select(i => $"spread-{i}").ToArray();

        // No hash slots on a standalone server: every key shares one queue.
        Assert.True(Connection.HashSlot("any") < 0);
        RateLimitDecision[] decisions = await Task.WhenAll(keys.Select(k => limiter.DecideAsync(k).AsTask()));

        Assert.All(decisions, d => Assert.Equal(999, d.Remaining));
        if (!DecidesSynchronously)
        {
            Assert.True(limiter.ScriptCalls < keys.Length, $"{limiter.ScriptCalls} calls for {keys.Length} decisions on distinct keys");
        }
    }

    [Fact]
    public async Task DecideAsync_CancelledBeforeTheCall_ThrowsAndTakesNoPermit()
    {
        using RedisPartitionedRateLimiter limiter = Create(o => o.PermitLimit = 2);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.DecideAsync("c", 1, cancellation.Token));

        Assert.Equal(1, (await limiter.DecideAsync("c")).Remaining);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Script_ThirtyTwoConnectionsShortWindow_NoWindowEverHoldsMoreThanTheLimit(bool sortedSetLog)
    {
        const int Limit = 20;
        TimeSpan window = TimeSpan.FromMilliseconds(500);
        var connections = new List<ConnectionMultiplexer>();
        var grants = new List<long>();
        int grantCount = 0;
        try
        {
            for (int i = 0; i < 32; i++)
            {
                connections.Add(await ConnectionMultiplexer.ConnectAsync(ConnectionString));
            }

            RedisRateLimiterOptions options = Options(o =>
            {
                o.Window = window;
                UseSortedSetLog(o, sortedSetLog);
            });
            options.PermitLimit = Limit;
            // Hammer until four windows' worth were granted (a loaded machine only makes this take longer), bounded.
            DateTimeOffset until = DateTimeOffset.UtcNow.AddSeconds(30);
            await Task.WhenAll(connections.Select(connection => Task.Run(async () =>
            {
                RedisWindowScript script = CreateScript(connection, options);
                while (DateTimeOffset.UtcNow < until && Volatile.Read(ref grantCount) < 4 * Limit)
                {
                    RedisWindowResult result = await script.EvaluateAsync("slide", 1);
                    if (result.Allowed)
                    {
                        lock (grants)
                        {
                            grants.Add(result.NowMicros);
                        }

                        Interlocked.Increment(ref grantCount);
                    }
                }
            })));
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }

        // Server times of every grant: any Limit + 1 consecutive grants span at least one window.
        grants.Sort();
        long windowMicros = window.Ticks / 10;
        for (int i = 0; i + Limit < grants.Count; i++)
        {
            Assert.True(grants[i + Limit] - grants[i] >= windowMicros, $"{Limit + 1} grants within {grants[i + Limit] - grants[i]} µs");
        }

        // The window slid: four windows' worth were granted (at most Limit per window, so at least four windows passed).
        Assert.True(grants.Count >= 4 * Limit, $"only {grants.Count} grants in 30 s");
        Assert.True(grants[^1] - grants[0] >= 3 * windowMicros, "four windows' worth of grants inside three windows");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DecideAsync_WindowSlides_ExactlyTheExpiredPartComesBack(bool sortedSetLog)
    {
        using RedisPartitionedRateLimiter limiter = Create(o =>
        {
            // The probe below must land after the early permits left and before the late ones do: a 1.2 s span, so a
            // poll delayed by a loaded machine still lands inside it.
            o.PermitLimit = 4;
            o.Window = TimeSpan.FromMilliseconds(3000);
            UseSortedSetLog(o, sortedSetLog);
        });
        RateLimitDecision early = await limiter.DecideAsync("k", 2);
        await Task.Delay(1200);
        RateLimitDecision late = await limiter.DecideAsync("k", 2);
        RateLimitDecision full = await limiter.DecideAsync("k");
        Assert.True(early.IsAllowed);
        Assert.True(late.IsAllowed);
        Assert.False(full.IsAllowed);
        Assert.Equal(early.ResetAt, full.ResetAt);

        // The early permits free up first: less than a window away. The 1.2 s pause is measured on the client; on the
        // server's clock the two decisions may be closer by the difference in their transit times, hence 200 ms slack.
        Assert.InRange(full.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2000));

        RateLimitDecision probe = await PollDecisionAsync(() => limiter.DecideAsync("k", 0), d => d.IsAllowed);

        // The first two permits left the window; the later two are still inside it.
        Assert.Equal(2, probe.Remaining);
        Assert.Equal(early.ResetAt, late.ResetAt);
        Assert.InRange(probe.ResetAt - early.ResetAt, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(2900));
        Assert.True((await limiter.DecideAsync("k", 2)).IsAllowed);
        Assert.False((await limiter.DecideAsync("k")).IsAllowed);
    }

    [Theory]
    [InlineData(SlidingWindowAlgorithm.Log, false)]
    [InlineData(SlidingWindowAlgorithm.Log, true)]
    [InlineData(SlidingWindowAlgorithm.Counter, false)]
    public async Task DecideAsync_Cost_TakesThatManyPermits(SlidingWindowAlgorithm algorithm, bool sortedSetLog)
    {
        using RedisPartitionedRateLimiter limiter = Create(o =>
        {
            o.PermitLimit = 10;
            o.Algorithm = algorithm;
            UseSortedSetLog(o, sortedSetLog);
        });

        RateLimitDecision first = await limiter.DecideAsync("c", 7);
        RateLimitDecision tooBig = await limiter.DecideAsync("c", 4);
        RateLimitDecision fits = limiter.Decide("c", 3);

        Assert.True(first.IsAllowed);
        Assert.Equal(3, first.Remaining);
        Assert.False(tooBig.IsAllowed);
        Assert.Equal(3, tooBig.Remaining);
        Assert.True(tooBig.RetryAfter > TimeSpan.Zero);
        if (algorithm == SlidingWindowAlgorithm.Log)
        {
            Assert.InRange(tooBig.RetryAfter, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }

        Assert.True(fits.IsAllowed);
        Assert.Equal(0, fits.Remaining);
    }

    [Theory]
    [InlineData(SlidingWindowAlgorithm.Log, false)]
    [InlineData(SlidingWindowAlgorithm.Log, true)]
    [InlineData(SlidingWindowAlgorithm.Counter, false)]
    public async Task DecideAsync_KeyExpiresWithItsWindow(SlidingWindowAlgorithm algorithm, bool sortedSetLog)
    {
        using RedisPartitionedRateLimiter limiter = Create(o =>
        {
            o.Window = TimeSpan.FromMilliseconds(300);
            o.Algorithm = algorithm;
            UseSortedSetLog(o, sortedSetLog);
        });
        IDatabase database = Connection.GetDatabase();

        await limiter.DecideAsync("expiring");
        TimeSpan? ttl = await database.KeyTimeToLiveAsync(_prefix + "expiring");

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(algorithm == SlidingWindowAlgorithm.Log ? 1300 : 600));
        await PollAsync(async () => await database.KeyExistsAsync(_prefix + "expiring"), exists => !exists);
    }

    [Fact]
    public async Task Script_PackedLogWithExpiredEntries_DropsThemAndRetryAfterIsTheNextEntrysExpiry()
    {
        RedisRateLimiterOptions options = Options(o => o.PermitLimit = 4);
        long window = options.Window.Ticks / 10;
        long now = ServerTime().ToUnixTimeMilliseconds() * 1000;
        // Three entries that left the window, then two and one still inside it (oldest first, as the script appends).
        long[] stamps = [now - (3 * window), now - (2 * window), now - window - 1, now - (window / 2), now - (window / 2), now - (window / 4)];
        IDatabase database = Connection.GetDatabase();
        await database.StringSetAsync(_prefix + "trim", string.Concat(stamps.Select(s => s.ToString("D16", System.Globalization.CultureInfo.InvariantCulture))));
        RedisWindowScript script = CreateScript(Connection, options);

        RedisWindowResult granted = await script.EvaluateAsync("trim", 1);
        RedisWindowResult rejected = await script.EvaluateAsync("trim", 2);

        Assert.True(granted.Allowed);
        Assert.Equal(0, granted.Remaining);
        Assert.Equal(stamps[3] + window, granted.ResetMicros);
        Assert.False(rejected.Allowed);
        Assert.Equal(0, rejected.Remaining);
        Assert.Equal(stamps[3] + window, rejected.ResetMicros);
        // Two more permits need the two oldest live entries gone: both were granted at stamps[3].
        Assert.Equal(stamps[4] + window - rejected.NowMicros, rejected.RetryAfterMicros);
        Assert.Equal([stamps[3], stamps[4], stamps[5], granted.NowMicros], await RedisLogReader.PackedEntriesAsync(database, _prefix + "trim"));
    }

    [Fact]
    public async Task Script_NewestEntryAheadOfTheServerClock_NewEntriesKeepTimeOrder()
    {
        RedisRateLimiterOptions options = Options(o => o.PermitLimit = 3);
        long window = options.Window.Ticks / 10;
        // As if the server's clock stepped back by a minute after the last grant.
        long ahead = (ServerTime().ToUnixTimeMilliseconds() * 1000) + 60_000_000;
        IDatabase database = Connection.GetDatabase();
        await database.StringSetAsync(_prefix + "ahead", ahead.ToString("D16", System.Globalization.CultureInfo.InvariantCulture));
        RedisWindowScript script = CreateScript(Connection, options);

        RedisWindowResult granted = await script.EvaluateAsync("ahead", 2);
        RedisWindowResult rejected = await script.EvaluateAsync("ahead", 1);

        Assert.True(granted.Allowed);
        Assert.Equal(0, granted.Remaining);
        Assert.False(rejected.Allowed);
        Assert.Equal(ahead + window, rejected.ResetMicros);
        Assert.Equal(ahead + window - rejected.NowMicros, rejected.RetryAfterMicros);
        Assert.Equal([ahead, ahead, ahead], await RedisLogReader.PackedEntriesAsync(database, _prefix + "ahead"));
        TimeSpan? ttl = await database.KeyTimeToLiveAsync(_prefix + "ahead");
        Assert.NotNull(ttl);
        Assert.True(ttl > options.Window + TimeSpan.FromSeconds(60), $"the key must outlive its newest entry; TTL {ttl}");
    }

    [Fact]
    public async Task Script_SortedSetNewestMemberAheadOfTheServerClock_KeyOutlivesIt()
    {
        RedisRateLimiterOptions options = Options(o =>
        {
            o.PermitLimit = 3;
            o.Window = TimeSpan.FromSeconds(10);
            UseSortedSetLog(o, true);
        });
        // As if the server's clock stepped back by a minute after the last grant.
        long ahead = (ServerTime().ToUnixTimeMilliseconds() * 1000) + 60_000_000;
        IDatabase database = Connection.GetDatabase();
        await database.SortedSetAddAsync(_prefix + "zahead", $"{ahead}:1", ahead);
        var script = new RedisWindowScript(database, options);

        RedisWindowResult granted = await script.EvaluateAsync("zahead", 1);

        Assert.True(granted.Allowed);
        Assert.Equal(1, granted.Remaining);
        TimeSpan? ttl = await database.KeyTimeToLiveAsync(_prefix + "zahead");
        Assert.NotNull(ttl);
        Assert.True(ttl > options.Window + TimeSpan.FromSeconds(55), $"the key must outlive its newest member; TTL {ttl}");
    }

    [Fact]
    public async Task Script_CounterStateOfALaterWindow_CountsAreKept()
    {
        RedisRateLimiterOptions options = Options(o =>
        {
            o.PermitLimit = 3;
            o.Window = TimeSpan.FromMinutes(1);
            o.Algorithm = SlidingWindowAlgorithm.Counter;
        });
        long window = options.Window.Ticks / 10;
        long now = ServerTime().ToUnixTimeMilliseconds() * 1000;
        // As if the server's clock stepped back into the previous window after three grants.
        long laterStart = now - (now % window) + window;
        IDatabase database = Connection.GetDatabase();
        await database.HashSetAsync(_prefix + "cahead", [new("s", laterStart), new("c", 3), new("p", 0)]);
        await database.KeyExpireAsync(_prefix + "cahead", TimeSpan.FromMinutes(5));
        var script = new RedisWindowScript(database, options);

        RedisWindowResult decision = await script.EvaluateAsync("cahead", 1);

        Assert.False(decision.Allowed);
        Assert.Equal(0, decision.Remaining);
    }

    [Fact]
    public async Task DecideAsync_LogKeptInTheOtherEncoding_StartsTheKeyAfresh()
    {
        // A limit moved across the packed-log bound under the same prefix: the key holds the other type.
        using RedisPartitionedRateLimiter packed = Create(o => o.PermitLimit = 3);
        using RedisPartitionedRateLimiter sortedSet = Create(o =>
        {
            o.PermitLimit = 3;
            UseSortedSetLog(o, true);
        });
        IDatabase database = Connection.GetDatabase();

        await packed.DecideAsync("moved", 3);
        RateLimitDecision inSortedSet = await sortedSet.DecideAsync("moved");
        RedisType afterSortedSet = await database.KeyTypeAsync(_prefix + "moved");
        RateLimitDecision backInPacked = await packed.DecideAsync("moved", 2);

        Assert.True(inSortedSet.IsAllowed);
        Assert.Equal(2, inSortedSet.Remaining);
        Assert.Equal(RedisType.SortedSet, afterSortedSet);
        Assert.True(backInPacked.IsAllowed);
        Assert.Equal(1, backInPacked.Remaining);
        Assert.Equal(RedisType.String, await database.KeyTypeAsync(_prefix + "moved"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DecideAsync_ScriptFlushedMidRun_ReloadsAndKeepsCounting(bool sortedSetLog)
    {
        using RedisPartitionedRateLimiter limiter = Create(o =>
        {
            o.PermitLimit = 3;
            UseSortedSetLog(o, sortedSetLog);
        });
        Assert.True((await limiter.DecideAsync("f")).IsAllowed);
        long reloadsBefore = limiter.ScriptReloads; // the first call loads the script if the server had not seen it

        await Connection.GetServers()[0].ScriptFlushAsync();
        RateLimitDecision afterFlush = await limiter.DecideAsync("f");
        await Connection.GetServers()[0].ScriptFlushAsync();
        RateLimitDecision syncAfterFlush = limiter.Decide("f");

        Assert.True(afterFlush.IsAllowed);
        Assert.Equal(1, afterFlush.Remaining);
        Assert.True(syncAfterFlush.IsAllowed);
        Assert.Equal(0, syncAfterFlush.Remaining);
        Assert.Equal(PackedLogIsNative && !sortedSetLog ? 0 : 2, limiter.ScriptReloads - reloadsBefore); // the native packed log has no script to lose
        Assert.Equal(Tx.Resilience.CircuitBreaking.CircuitState.Closed, limiter.RedisCircuitState);
    }

    [Fact]
    public void AttemptAcquire_Synchronous_ReturnsLeaseWithMetadata()
    {
        using RedisPartitionedRateLimiter limiter = Create(o => o.PermitLimit = 1);
        using RateLimitLease granted = limiter.AttemptAcquire("sync");

        using RateLimitLease rejected = limiter.AttemptAcquire("sync");

        Assert.True(granted.IsAcquired);
        Assert.True(granted.TryGetMetadata(RateLimitMetadataNames.Remaining, out int remaining));
        Assert.Equal(0, remaining);
        Assert.False(rejected.IsAcquired);
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter));
        Assert.True(retryAfter > TimeSpan.FromMinutes(14));
    }

    [Fact]
    public async Task RedisRateLimiter_OneKey_SharesTheWindow()
    {
        using RedisPartitionedRateLimiter shared = Create(o => o.PermitLimit = 2);
        using var a = new RedisRateLimiter(shared, "one");
        using var b = new RedisRateLimiter(shared, "one");

        using RateLimitLease first = await a.AcquireAsync();
        using RateLimitLease second = b.AttemptAcquire();
        using RateLimitLease third = await b.AcquireAsync();

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public async Task DecideAsync_CostOutOfRange_ThrowsWithClearMessage(int cost)
    {
        using RedisPartitionedRateLimiter limiter = Create(o => o.PermitLimit = 10);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await limiter.DecideAsync("k", cost));

        Assert.Contains("permit limit (10)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.Decide("k", cost));
    }

    [Fact]
    public async Task DecideAsync_EmptyKey_Throws()
    {
        using RedisPartitionedRateLimiter limiter = Create(null);

        await Assert.ThrowsAsync<ArgumentException>(async () => await limiter.DecideAsync(string.Empty));
        Assert.Throws<ArgumentException>(() => limiter.AttemptAcquire(string.Empty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Ctor_NonPositiveLimit_ThrowsNamingTheOption(int limit)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Create(o => o.PermitLimit = limit));

        Assert.Contains(nameof(RedisRateLimiterOptions.PermitLimit), error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        lock (_executors)
        {
            _executors.ForEach(e => e.Dispose());
        }

        GC.SuppressFinalize(this);
    }

    protected static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (int i = 0; i < 400; i++)
        {
            T value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The condition did not hold within 4 seconds.");
    }

    protected static Task<RateLimitDecision> PollDecisionAsync(Func<ValueTask<RateLimitDecision>> read, Func<RateLimitDecision, bool> done) =>
        PollAsync<RateLimitDecision>(() => read().AsTask(), done);

    // The log is a packed string up to PackedLogMaxPermits and a sorted set above; a bound of 0 forces the sorted set.
    private static void UseSortedSetLog(RedisRateLimiterOptions options, bool sortedSetLog)
    {
        if (sortedSetLog)
        {
            options.PackedLogMaxPermits = 0;
        }
    }

    private RedisRateLimiterOptions Options(Action<RedisRateLimiterOptions>? configure)
    {
        // A generous timeout: these tests are about decisions, and the shared CI machine is slow at times.
        var options = new RedisRateLimiterOptions
        {
            KeyPrefix = _prefix,
            FailurePolicy = RedisFailurePolicy.FailClosed,
            OperationTimeout = TimeSpan.FromSeconds(10),
            Transport = Transport,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Creates the limiter under test; by default a StackExchange.Redis client of <see cref="Connection"/>.</summary>
    protected virtual RedisPartitionedRateLimiter CreateLimiter(RedisRateLimiterOptions options, TimeProvider? timeProvider = null) =>
        new(Connection, options, timeProvider);

    /// <summary>Creates the script runner under test; by default on <see cref="Connection"/>, over <see cref="Transport"/>.</summary>
    private protected virtual RedisWindowScript CreateScript(RedisRateLimiterOptions options) => CreateScript(Connection, options);

    /// <summary>A script runner on <paramref name="connection"/>'s server over <see cref="Transport"/>.</summary>
    private protected RedisWindowScript CreateScript(ConnectionMultiplexer connection, RedisRateLimiterOptions options)
    {
        if (Transport == RedisTransport.StackExchangeRedis)
        {
            return new RedisWindowScript(connection.GetDatabase(), options);
        }

        var executor = new RespScriptExecutor(RespServerAddress.From(connection)!, options.OperationTimeout, TimeProvider.System);
        lock (_executors)
        {
            _executors.Add(executor);
        }

        return new RedisWindowScript(executor, options);
    }

    private RedisPartitionedRateLimiter Create(Action<RedisRateLimiterOptions>? configure) => CreateLimiter(Options(configure));

    private DateTimeOffset ServerTime() => new(Connection.GetServers()[0].Time(), TimeSpan.Zero);
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;
using Tx.Resilience.Redis.Telemetry;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>
/// Redis unreachable, stalled, or restarted: the breaker, the failure policy, metrics, logs, recovery — over each
/// transport (<see cref="RedisFailurePolicyDirectTests"/>, <see cref="RedisFailurePolicyStackExchangeRedisTests"/>).
/// </summary>
public abstract class RedisFailurePolicyTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogCollector _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public RedisFailurePolicyTests()
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(_logs)));
    }

    /// <summary>Gets the transport of the limiters under test.</summary>
    protected abstract RedisTransport Transport { get; }

    private IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    [Theory]
    [InlineData(RedisFailurePolicy.FailOpen, new[] { true, true, true, true, true })]
    [InlineData(RedisFailurePolicy.FailClosed, new[] { false, false, false, false, false })]
    [InlineData(RedisFailurePolicy.FallBackToInMemory, new[] { true, true, false, false, false })]
    public async Task DecideAsync_RedisUnreachable_PolicyDecidesAndBreakerOpens(RedisFailurePolicy policy, bool[] expected)
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(
            $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200,syncTimeout=300,asyncTimeout=300");
        using var collector = new MetricCollector<long>(MeterFactory, RedisRateLimitingConstants.MeterName, RedisRateLimitingConstants.DecisionsInstrument);
        using RedisPartitionedRateLimiter limiter = Create(connection, policy);

        var decisions = new List<RateLimitDecision>();
        for (int i = 0; i < expected.Length; i++)
        {
            decisions.Add(i % 2 == 0 ? await limiter.DecideAsync("10.0.0.1") : limiter.Decide("10.0.0.1"));
        }

        Assert.Equal(expected, decisions.Select(d => d.IsAllowed));
        Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.True(d.RetryAfter > TimeSpan.Zero));
        Assert.Equal(CircuitState.Open, limiter.RedisCircuitState);
        Assert.Equal(0, limiter.RememberedRejections); // only the server's own rejections are remembered
        string source = policy switch
        {
            RedisFailurePolicy.FailOpen => RedisRateLimitingConstants.SourceFailOpen,
            RedisFailurePolicy.FailClosed => RedisRateLimitingConstants.SourceFailClosed,
            _ => RedisRateLimitingConstants.SourceFallback,
        };
        Assert.Equal(expected.Length, collector.GetMeasurementSnapshot().Count(m => Equals(m.Tags[RedisRateLimitingConstants.SourceTag], source)));
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("circuit to Redis opened", StringComparison.Ordinal));
        Assert.Contains(_logs.GetSnapshot(), r => r.Message.Contains(policy.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RedisFailurePolicy.FailOpen)]
    [InlineData(RedisFailurePolicy.FailClosed)]
    [InlineData(RedisFailurePolicy.FallBackToInMemory)]
    public async Task DecideBatchAsync_CallFails_PolicyDecidesForEveryMemberAndTheBreakerCountsOneFailure(RedisFailurePolicy policy)
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(
            $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200,syncTimeout=300,asyncTimeout=300");
        using var decisions = new MetricCollector<long>(MeterFactory, RedisRateLimitingConstants.MeterName, RedisRateLimitingConstants.DecisionsInstrument);
        using var failures = new MetricCollector<long>(MeterFactory, RedisRateLimitingConstants.MeterName, RedisRateLimitingConstants.FailuresInstrument);
        using RedisPartitionedRateLimiter limiter = Create(connection, policy, o => o.PermitLimit = 3);
        List<PendingRedisDecision> batch = [new("a", 1), new("a", 1), new("b", 2), new("a", 1), new("a", 1)];

        await limiter.DecideBatchAsync(batch);
        RateLimitDecision[] results = await Task.WhenAll(batch.Select(d => d.AsValueTask().AsTask()));

        bool[] expected = policy switch
        {
            RedisFailurePolicy.FailOpen => [true, true, true, true, true],
            RedisFailurePolicy.FailClosed => [false, false, false, false, false],
            // The in-memory window decides the members in order: key "a" has 3 permits.
            _ => [true, true, true, true, false],
        };
        Assert.Equal(expected, results.Select(r => r.IsAllowed));
        Assert.Equal(batch.Count, decisions.GetMeasurementSnapshot().Count(m => !Equals(m.Tags[RedisRateLimitingConstants.SourceTag], RedisRateLimitingConstants.SourceRedis)));
        Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal(CircuitState.Closed, limiter.RedisCircuitState);
    }

    [Fact]
    public async Task DecideAsync_ConcurrentCallersWhileRedisUnreachable_EveryDecisionGetsThePolicy()
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(
            $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200,syncTimeout=300,asyncTimeout=300");
        using RedisPartitionedRateLimiter limiter = Create(connection, RedisFailurePolicy.FailClosed, o => o.BreakerFailureThreshold = 1000);

        RateLimitDecision[] results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => limiter.DecideAsync($"k{i % 3}").AsTask()));

        Assert.All(results, r => Assert.False(r.IsAllowed));
        Assert.All(results, r => Assert.True(r.RetryAfter > TimeSpan.Zero));
    }

    [Fact]
    public async Task DecideAsync_RedisStalled_BreakerStopsCallsFromPayingTheTimeout()
    {
        using var server = new PrivateRedisServer();
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},allowAdmin=true,asyncTimeout=10000");
        using var failures = new MetricCollector<long>(MeterFactory, RedisRateLimitingConstants.MeterName, RedisRateLimitingConstants.FailuresInstrument);
        // A limit no run of this test reaches (on Redis or in the fallback), so every decision must be allowed.
        using RedisPartitionedRateLimiter limiter = Create(connection, RedisFailurePolicy.FallBackToInMemory, o =>
        {
            o.PermitLimit = 100;
            o.OperationTimeout = TimeSpan.FromMilliseconds(100);
            o.BreakerBreakDuration = TimeSpan.FromMinutes(1);
        });
        Assert.True((await limiter.DecideAsync("k")).IsAllowed);

        // The server sleeps 2 s: every call to it now times out.
        Task stall = admin.GetDatabase().ExecuteAsync("DEBUG", "SLEEP", "2");
        for (int i = 0; i < 3; i++)
        {
            Assert.True((await limiter.DecideAsync("k")).IsAllowed);
        }

        // The SLEEP may reach the server well after these calls (a lone call on the direct transport takes tens of
        // µs): keep calling until three consecutive timeouts (100 ms each) have opened the breaker, bounded by the stall.
        // A key per call, so however many calls get through before the stall, none reaches the limit.
        for (int call = 0; limiter.RedisCircuitState != CircuitState.Open && !stall.IsCompleted; call++)
        {
            Assert.True((await limiter.DecideAsync($"k{call}")).IsAllowed);
        }

        RateLimitDecision whileOpen = await limiter.DecideAsync("k");
        await stall;

        Assert.True(whileOpen.IsAllowed);
        Assert.Equal(CircuitState.Open, limiter.RedisCircuitState);
        var snapshot = failures.GetMeasurementSnapshot();
        // Three calls paid the timeout and opened the breaker; the next one never went to Redis.
        Assert.True(snapshot.Count(m => !Equals(m.Tags[RedisRateLimitingConstants.ErrorTypeTag], RedisRateLimitingConstants.BreakerOpen)) >= 3);
        Assert.Contains(snapshot, m => Equals(m.Tags[RedisRateLimitingConstants.ErrorTypeTag], RedisRateLimitingConstants.BreakerOpen));
    }

    [Fact]
    public async Task DecideAsync_RedisRestartedMidRun_FallsBackThenReconnectsByItself()
    {
        using var server = new PrivateRedisServer();
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        using var collector = new MetricCollector<long>(MeterFactory, RedisRateLimitingConstants.MeterName, RedisRateLimitingConstants.DecisionsInstrument);
        using RedisPartitionedRateLimiter limiter = Create(connection, RedisFailurePolicy.FallBackToInMemory, o =>
        {
            o.BreakerBreakDuration = TimeSpan.FromMilliseconds(200);
            o.OperationTimeout = TimeSpan.FromMilliseconds(300);
        });
        Assert.True((await limiter.DecideAsync("k")).IsAllowed);

        server.Stop();
        for (int i = 0; i < 3; i++)
        {
            await limiter.DecideAsync("k");
        }

        Assert.NotEqual(CircuitState.Closed, limiter.RedisCircuitState);
        server.Start();
        RateLimitDecision recovered = default;
        for (int i = 0; i < 300 && !(limiter.RedisCircuitState == CircuitState.Closed && LastSource(collector) == RedisRateLimitingConstants.SourceRedis); i++)
        {
            recovered = await limiter.DecideAsync("after-restart");
            await Task.Delay(50);
        }

        Assert.Equal(CircuitState.Closed, limiter.RedisCircuitState);
        Assert.Equal(RedisRateLimitingConstants.SourceRedis, LastSource(collector));
        Assert.True(recovered.IsAllowed);

        // The restarted server had lost the script: it was loaded again.
        Assert.True(limiter.ScriptReloads >= 1);
        Assert.Contains(_logs.GetSnapshot(), r => r.Message.Contains("reachable again", StringComparison.Ordinal));
        Assert.Contains(_logs.GetSnapshot(), r => r.Message.Contains("NOSCRIPT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecideAsync_RememberedRejection_CountedWithItsOwnSource()
    {
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        using var collector = new MetricCollector<long>(MeterFactory, RedisRateLimitingConstants.MeterName, RedisRateLimitingConstants.DecisionsInstrument);
        using RedisPartitionedRateLimiter limiter = Create(connection, RedisFailurePolicy.FailClosed, o => o.OperationTimeout = TimeSpan.FromSeconds(10));

        await limiter.DecideAsync("10.0.0.9");
        await limiter.DecideAsync("10.0.0.9");
        await limiter.DecideAsync("10.0.0.9");
        string? byRedis = LastSource(collector);
        RateLimitDecision remembered = await limiter.DecideAsync("10.0.0.9");

        Assert.False(remembered.IsAllowed);
        Assert.Equal(RedisRateLimitingConstants.SourceRedis, byRedis);
        Assert.Equal(RedisRateLimitingConstants.SourceRejectionCache, LastSource(collector));
        Assert.Equal(RedisRateLimitingConstants.Rejected, collector.LastMeasurement?.Tags[RedisRateLimitingConstants.ResultTag]);
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string? LastSource(MetricCollector<long> collector) =>
        collector.LastMeasurement?.Tags[RedisRateLimitingConstants.SourceTag] as string;

    private RedisPartitionedRateLimiter Create(IConnectionMultiplexer connection, RedisFailurePolicy policy, Action<RedisRateLimiterOptions>? configure = null)
    {
        var options = new RedisRateLimiterOptions
        {
            PermitLimit = 2,
            KeyPrefix = $"tx:test:{Guid.NewGuid():N}:",
            FailurePolicy = policy,
            BreakerFailureThreshold = 3,
            BreakerBreakDuration = TimeSpan.FromMinutes(1),
            OperationTimeout = TimeSpan.FromMilliseconds(300),
            Transport = Transport,
        };
        configure?.Invoke(options);
        return new RedisPartitionedRateLimiter(
            connection, options, TimeProvider.System, _loggerFactory, new RedisRateLimitingMetrics(MeterFactory), "test");
    }
}

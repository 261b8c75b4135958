using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Tests.CircuitBreaking;

public sealed partial class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ExecuteAsync_GuideExample_OpensAtTwoThirdsAndRecoversAfterThirtySeconds()
    {
        // Arrange: the guide's defaults, 50 % / 30 s.
        var breaker = new CircuitBreaker("transaction", timeProvider: _time);

        // Act + Assert: success, fail, fail → 2/3 = 66 % ≥ 50 % → open.
        Assert.Equal(1, await breaker.ExecuteAsync(static _ => ValueTask.FromResult(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        Assert.Equal(CircuitState.Closed, breaker.State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        CircuitBreakerSnapshot snapshot = breaker.GetSnapshot();
        Assert.Equal(CircuitState.Open, snapshot.State);
        Assert.Equal("OPEN", snapshot.StateName);
        Assert.Equal(3, snapshot.Calls);
        Assert.Equal(2, snapshot.Failures);
        Assert.Equal(2.0 / 3.0, snapshot.FailureRate, 6);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), snapshot.RetryAt);

        // Next request: rejected immediately, without calling the operation.
        bool called = false;
        BrokenCircuitException rejected = await Assert.ThrowsAsync<BrokenCircuitException>(() => breaker.ExecuteAsync(_ =>
        {
            called = true;
            return ValueTask.FromResult(0);
        }).AsTask());
        Assert.False(called);
        Assert.Equal(TimeSpan.FromSeconds(30), rejected.RetryAfter);
        Assert.Equal("transaction", rejected.StrategyName);

        // After 30 seconds: half-open; a success closes.
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, await breaker.ExecuteAsync(static _ => ValueTask.FromResult(2)));
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_HalfOpenProbeFails_ReopensForAnotherBreak()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1 }, _time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        Assert.Equal(CircuitState.Open, breaker.State);
        _time.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => breaker.ExecuteAsync(Fail).AsTask());
        _time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.True(breaker.TryAcquire(out _) is false);
    }

    [Fact]
    public async Task ExecuteAsync_BelowMinimumThroughput_StaysClosed()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 10 }, _time);

        for (int i = 0; i < 9; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        }

        Assert.Equal(CircuitState.Closed, breaker.State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_FailuresOutsideSamplingWindow_AreForgotten()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { SamplingDuration = TimeSpan.FromSeconds(10) }, _time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());

        _time.Advance(TimeSpan.FromSeconds(11));
        await breaker.ExecuteAsync(static _ => ValueTask.FromResult(0));
        await breaker.ExecuteAsync(static _ => ValueTask.FromResult(0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(3, breaker.GetSnapshot().Calls);
    }

    [Fact]
    public void Execute_ConsecutiveFailuresMode_OpensOnlyOnUnbrokenRun()
    {
        var options = new CircuitBreakerOptions { Mode = CircuitBreakerMode.ConsecutiveFailures, ConsecutiveFailureThreshold = 3 };
        var breaker = new CircuitBreaker("b", options, _time);

        Assert.Throws<InvalidOperationException>(() => breaker.Execute(FailSync));
        Assert.Throws<InvalidOperationException>(() => breaker.Execute(FailSync));
        Assert.Equal(5, breaker.Execute(static () => 5));
        Assert.Throws<InvalidOperationException>(() => breaker.Execute(FailSync));
        Assert.Throws<InvalidOperationException>(() => breaker.Execute(FailSync));
        Assert.Equal(2, breaker.GetSnapshot().ConsecutiveFailures);
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Throws<InvalidOperationException>(() => breaker.Execute(FailSync));

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Throws<BrokenCircuitException>(() => breaker.Execute(static () => 1));
    }

    [Fact]
    public void IsolateAndReset_ManualControl_RejectsThenCloses()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);

        breaker.Isolate();
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(CircuitState.Isolated, breaker.State);
        IsolatedCircuitException ex = Assert.Throws<IsolatedCircuitException>(() => breaker.Execute(static () => 1));
        Assert.Null(ex.RetryAfter);
        breaker.Reset();
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(1, breaker.Execute(static () => 1));
    }

    [Fact]
    public async Task TryExecuteAsync_WhenOpen_ReturnsRejectionWithoutThrowing()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1 }, _time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        _time.Advance(TimeSpan.FromSeconds(10));

        CircuitBreakerResult<int> result = await breaker.TryExecuteAsync(static (s, _) => ValueTask.FromResult(s), 7);

        Assert.True(result.IsRejected);
        Assert.Equal(TimeSpan.FromSeconds(20), result.RetryAfter);
        Assert.Equal(-1, result.GetResultOrDefault(-1));
        Assert.Throws<InvalidOperationException>(() => result.Result);
    }

    [Fact]
    public async Task TryExecuteAsync_WhenClosed_ReturnsResult()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);

        CircuitBreakerResult<int> result = await breaker.TryExecuteAsync(static (s, _) => ValueTask.FromResult(s * 2), 21);

        Assert.False(result.IsRejected);
        Assert.Equal(42, result.Result);
    }

    [Fact]
    public async Task ExecuteAsync_AsynchronousCompletion_RecordsOutcome()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1 }, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(static async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException();
        }).AsTask());

        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancellation_IsNotCountedAndReleasesProbe()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1 }, _time);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => breaker.ExecuteAsync(static ct => ValueTask.FromCanceled<int>(ct), cts.Token).AsTask());
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(0, breaker.GetSnapshot().Calls);

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        _time.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => breaker.ExecuteAsync(static ct => ValueTask.FromCanceled<int>(ct), cts.Token).AsTask());

        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        Assert.Equal(3, await breaker.ExecuteAsync(static _ => ValueTask.FromResult(3)));
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_BulkheadRejection_IsNotAFailure()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1 }, _time);

        await Assert.ThrowsAsync<BulkheadRejectedException>(() => breaker.ExecuteAsync<int>(static _ => throw new BulkheadRejectedException("pool", queueTimedOut: false)).AsTask());

        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_ShouldHandleRejects_CountsAsSuccess()
    {
        var options = new CircuitBreakerOptions { MinimumThroughput = 1, ShouldHandle = static ex => ex is TimeoutException };
        var breaker = new CircuitBreaker("b", options, _time);

        await Assert.ThrowsAsync<ArgumentException>(() => breaker.ExecuteAsync<int>(static _ => throw new ArgumentException("bad input")).AsTask());
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(1, breaker.GetSnapshot().Calls);
        await Assert.ThrowsAsync<TimeoutException>(() => breaker.ExecuteAsync<int>(static _ => throw new TimeoutException()).AsTask());

        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task StateChanged_OnEveryTransition_RaisesEventAndCallback()
    {
        var callbacks = new List<(CircuitState From, CircuitState To, TimeSpan? Break)>();
        var events = new List<CircuitState>();
        var options = new CircuitBreakerOptions
        {
            MinimumThroughput = 1,
            OnStateChanged = args =>
            {
                callbacks.Add((args.PreviousState, args.NewState, args.BreakDuration));
                return ValueTask.CompletedTask;
            },
        };
        var breaker = new CircuitBreaker("b", options, _time);
        breaker.StateChanged += (_, args) => events.Add(args.NewState);

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        _time.Advance(TimeSpan.FromSeconds(30));
        await breaker.ExecuteAsync(static _ => ValueTask.FromResult(1));
        breaker.Isolate();
        breaker.Reset();

        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed, CircuitState.Isolated, CircuitState.Closed], events);
        Assert.Equal((CircuitState.Closed, CircuitState.Open, TimeSpan.FromSeconds(30)), callbacks[0]);
        Assert.Equal((CircuitState.Open, CircuitState.HalfOpen, null), callbacks[1]);
        Assert.Equal(5, callbacks.Count);
    }

    [Fact]
    public async Task BreakDurationGenerator_GrowsWithOpenCount()
    {
        var seen = new List<int>();
        var options = new CircuitBreakerOptions
        {
            MinimumThroughput = 1,
            BreakDurationGenerator = args =>
            {
                seen.Add(args.OpenCount);
                return TimeSpan.FromSeconds(10 * args.OpenCount);
            },
        };
        var breaker = new CircuitBreaker("b", options, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        _time.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail).AsTask());
        breaker.TryAcquire(out CircuitBreakerPermit permit);

        Assert.Equal([1, 2], seen);
        Assert.Equal(TimeSpan.FromSeconds(20), permit.RetryAfter);
    }

    [Fact]
    public void TryAcquire_HalfOpen_AdmitsExactlyPermittedProbes()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1, PermittedHalfOpenProbes = 2 }, _time);
        breaker.TryAcquire(out CircuitBreakerPermit first);
        breaker.RecordFailure(first);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(breaker.TryAcquire(out CircuitBreakerPermit probe1));
        Assert.True(breaker.TryAcquire(out CircuitBreakerPermit probe2));
        Assert.False(breaker.TryAcquire(out CircuitBreakerPermit third));
        Assert.Equal(TimeSpan.Zero, third.RetryAfter);
        breaker.RecordSuccess(probe1);
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        breaker.RecordSuccess(probe2);

        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public void RecordSuccess_StalePermitFromEarlierState_IsIgnored()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1 }, _time);
        breaker.TryAcquire(out CircuitBreakerPermit old);
        breaker.Isolate();
        breaker.Reset();

        breaker.RecordFailure(old);

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(0, breaker.GetSnapshot().Calls);
    }

    [Fact]
    public void Ctor_InvalidOptions_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new CircuitBreaker("b", new CircuitBreakerOptions { FailureRatio = 0 }));

        Assert.Contains("FailureRatio", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CircuitState.Closed, "CLOSED")]
    [InlineData(CircuitState.Open, "OPEN")]
    [InlineData(CircuitState.HalfOpen, "HALF_OPEN")]
    [InlineData(CircuitState.Isolated, "ISOLATED")]
    public void ToWireName_EachState_MapsToGuideName(CircuitState state, string expected)
    {
        Assert.Equal(expected, state.ToWireName());
    }

    private static ValueTask<int> Fail(CancellationToken cancellationToken) => throw new InvalidOperationException("Service timeout");

    private static int FailSync() => throw new InvalidOperationException("Service timeout");
}

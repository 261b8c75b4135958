using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Retry;
using Tx.Resilience.Telemetry;

namespace Tx.Resilience.Tests.Retry;

public sealed class RetryStrategyTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ExecuteAsync_GuideSequence_WaitsOneTwoFourSecondsPlusJitterThenSucceeds()
    {
        // Arrange: the guide's defaults; the random draw pinned to 0.5 → 50 ms of the 0–100 ms jitter.
        var delays = new List<TimeSpan>();
        var options = new RetryOptions
        {
            OnRetry = args =>
            {
                delays.Add(args.Delay);
                return ValueTask.CompletedTask;
            },
        };
        var retry = new RetryStrategy("svc", options, _time, ResilienceTelemetry.None, () => 0.5);
        int calls = 0;
        DateTimeOffset start = _time.GetUtcNow();

        // Act: attempts 1–3 fail, attempt 4 succeeds.
        Task<int> running = retry.ExecuteAsync(_ => ++calls < 4 ? throw new TimeoutException() : ValueTask.FromResult(calls)).AsTask();
        int result = await AdvanceUntilCompleteAsync(running);

        // Assert
        Assert.Equal(4, result);
        Assert.Equal([TimeSpan.FromMilliseconds(1050), TimeSpan.FromMilliseconds(2050), TimeSpan.FromMilliseconds(4050)], delays);
        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromMilliseconds(7150));
    }

    [Fact]
    public async Task ExecuteAsync_RetriesExhausted_ThrowsLastFailure()
    {
        var retry = new RetryStrategy("svc", new RetryOptions { MaxRetries = 2, Jitter = JitterKind.None }, _time);
        int calls = 0;

        Task<int> running = retry.ExecuteAsync<int>(_ => throw new InvalidOperationException($"call {++calls}")).AsTask();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AdvanceUntilCompleteAsync(running));
        Assert.Equal("call 3", ex.Message);
    }

    [Fact]
    public async Task ExecuteAsync_PredicateRejects_DoesNotRetry()
    {
        var retry = new RetryStrategy("svc", new RetryOptions { ShouldRetry = static ex => ex is TimeoutException }, _time);
        int calls = 0;

        await Assert.ThrowsAsync<ArgumentException>(() => retry.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw new ArgumentException("not transient");
        }).AsTask());

        Assert.Equal(1, calls);
    }

    public static TheoryData<Exception> NeverRetried => new()
    {
        new BrokenCircuitException("open", TimeSpan.FromSeconds(1)),
        new BulkheadRejectedException("pool", queueTimedOut: true),
        new OperationCanceledException(),
    };

    [Theory]
    [MemberData(nameof(NeverRetried))]
    public async Task ExecuteAsync_RejectionOrCancellation_IsNotRetriedByDefault(Exception failure)
    {
        var retry = new RetryStrategy("svc", new RetryOptions { ShouldRetry = static _ => true }, _time);
        int calls = 0;

        await Assert.ThrowsAsync(failure.GetType(), () => retry.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw failure;
        }).AsTask());

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ExecuteAsync_RejectionWhenAsked_IsRetriedAfterItsRetryAfter()
    {
        var delays = new List<TimeSpan>();
        var options = new RetryOptions
        {
            RetryRejectedExecutions = true,
            OnRetry = args =>
            {
                delays.Add(args.Delay);
                return ValueTask.CompletedTask;
            },
        };
        var retry = new RetryStrategy("svc", options, _time);
        int calls = 0;

        Task<int> running = retry.ExecuteAsync(_ => ++calls == 1 ? throw new BrokenCircuitException("open", TimeSpan.FromSeconds(7)) : ValueTask.FromResult(calls)).AsTask();

        Assert.Equal(2, await AdvanceUntilCompleteAsync(running));
        Assert.Equal([TimeSpan.FromSeconds(7)], delays);
    }

    [Fact]
    public async Task ExecuteAsync_ServerRetryAfter_WinsOverBackoff()
    {
        var delays = new List<TimeSpan>();
        var options = new RetryOptions
        {
            OnRetry = args =>
            {
                delays.Add(args.Delay);
                return ValueTask.CompletedTask;
            },
        };
        var retry = new RetryStrategy("svc", options, _time);
        int calls = 0;

        Task<int> running = retry.ExecuteAsync(_ => ++calls == 1 ? throw new RetryAfterException("429", TimeSpan.FromSeconds(45)) : ValueTask.FromResult(calls)).AsTask();

        Assert.Equal(2, await AdvanceUntilCompleteAsync(running));
        Assert.Equal([TimeSpan.FromSeconds(45)], delays);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancelsDuringWait_StopsWithCancellation()
    {
        var retry = new RetryStrategy("svc", timeProvider: _time);
        using var cts = new CancellationTokenSource();
        int calls = 0;

        Task<int> running = retry.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw new TimeoutException();
        }, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ExecuteAsync_FirstAttemptSucceeds_CallsOnce()
    {
        var retry = new RetryStrategy("svc", timeProvider: _time);

        int result = await retry.ExecuteAsync(static (s, _) => ValueTask.FromResult(s + 1), 41);

        Assert.Equal(42, result);
    }

    [Fact]
    public void Ctor_InvalidOptions_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new RetryStrategy("r", new RetryOptions { MaxRetries = -1 }));

        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
    }

    private async Task<T> AdvanceUntilCompleteAsync<T>(Task<T> task)
    {
        for (int i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        return await task;
    }
}

using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.Timeouts;

namespace Tx.Resilience.Tests.Timeouts;

public sealed class TimeoutStrategyTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ExecuteAsync_OperationOutlivesTimeout_ThrowsTimeoutRejected()
    {
        var strategy = new TimeoutStrategy("t", new TimeoutOptions { Timeout = TimeSpan.FromSeconds(2) }, _time);

        Task<int> running = strategy.ExecuteAsync(async ct =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), _time, ct);
            return 1;
        }).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(running.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        TimeoutRejectedException ex = await Assert.ThrowsAsync<TimeoutRejectedException>(() => running);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.Timeout);
        Assert.Equal("t", ex.StrategyName);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_PropagatesCancellationNotTimeout()
    {
        var strategy = new TimeoutStrategy("t", timeProvider: _time);
        using var cts = new CancellationTokenSource();

        Task<int> running = strategy.ExecuteAsync(async ct =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), _time, ct);
            return 1;
        }, cts.Token).AsTask();
        await cts.CancelAsync();

        Exception ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.IsNotType<TimeoutRejectedException>(ex);
    }

    [Fact]
    public async Task ExecuteAsync_OperationIgnoresToken_ResultIsReturned()
    {
        var strategy = new TimeoutStrategy("t", new TimeoutOptions { Timeout = TimeSpan.FromSeconds(1) }, _time);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<int> running = strategy.ExecuteAsync(_ => new ValueTask<int>(gate.Task)).AsTask();
        _time.Advance(TimeSpan.FromSeconds(5));
        gate.SetResult(9);

        Assert.Equal(9, await running);
    }

    [Fact]
    public async Task ExecuteAsync_ManySequentialCalls_ReusedScopesNeverCancelEarly()
    {
        var strategy = new TimeoutStrategy("t", new TimeoutOptions { Timeout = TimeSpan.FromSeconds(1) }, _time);

        for (int i = 0; i < 200; i++)
        {
            int value = await strategy.ExecuteAsync(static (s, ct) => ct.IsCancellationRequested ? ValueTask.FromResult(-1) : ValueTask.FromResult(s), i);
            Assert.Equal(i, value);
            _time.Advance(TimeSpan.FromMilliseconds(600));
        }
    }

    [Fact]
    public async Task ExecuteAsync_AfterATimeout_NextCallGetsFreshToken()
    {
        var strategy = new TimeoutStrategy("t", new TimeoutOptions { Timeout = TimeSpan.FromSeconds(1) }, _time);
        Task<int> first = strategy.ExecuteAsync(async ct =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), _time, ct);
            return 1;
        }).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => first);

        bool cancelled = await strategy.ExecuteAsync(static ct => ValueTask.FromResult(ct.IsCancellationRequested));

        Assert.False(cancelled);
    }

    [Fact]
    public void Ctor_InvalidOptions_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new TimeoutStrategy("t", new TimeoutOptions { Timeout = TimeSpan.Zero }));

        Assert.Contains("Timeout", ex.Message, StringComparison.Ordinal);
    }
}

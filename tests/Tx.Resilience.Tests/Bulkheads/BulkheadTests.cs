using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.Bulkheads;

namespace Tx.Resilience.Tests.Bulkheads;

public sealed class BulkheadTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ExecuteAsync_GuidePool_FifteenActiveTwoQueuedThenQueueTimeout()
    {
        // Arrange: the guide's transaction-pool: 15 slots, a queue, 30 s queue timeout.
        var pool = new Bulkhead("transaction-pool", timeProvider: _time);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>[] running = [.. Enumerable.Range(0, 15).Select(_ => pool.ExecuteAsync(_ => new ValueTask<int>(gate.Task)).AsTask())];

        // Act: two more calls wait in the queue.
        Task<int> queued1 = pool.ExecuteAsync(static _ => ValueTask.FromResult(1)).AsTask();
        Task<int> queued2 = pool.ExecuteAsync(static _ => ValueTask.FromResult(2)).AsTask();

        // Assert: { active: 15, queued: 2, capacity: 15 }
        BulkheadStatistics stats = pool.GetStatistics();
        Assert.Equal(("transaction-pool", 15L, 2L, 15), (stats.Name, stats.Active, stats.Queued, stats.Capacity));
        Assert.Equal(1.0, stats.Utilization);
        Assert.False(queued1.IsCompleted);

        // After 30 s in the queue both are rejected.
        _time.Advance(TimeSpan.FromSeconds(30));
        BulkheadRejectedException timedOut = await Assert.ThrowsAsync<BulkheadRejectedException>(() => queued1);
        Assert.True(timedOut.QueueTimedOut);
        await Assert.ThrowsAsync<BulkheadRejectedException>(() => queued2);

        gate.SetResult(0);
        await Task.WhenAll(running);
        stats = pool.GetStatistics();
        Assert.Equal((0L, 0L, 17L, 15L, 0L, 0L, 2L), (stats.Active, stats.Queued, stats.Total, stats.Completed, stats.Failed, stats.Rejected, stats.TimedOut));
    }

    [Fact]
    public async Task ExecuteAsync_SlotFreed_QueuedCallsRunInFifoOrder()
    {
        var pool = new Bulkhead("p", new BulkheadOptions { MaxConcurrency = 1 }, _time);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<int>();
        Task<int> first = pool.ExecuteAsync(_ => new ValueTask<int>(gate.Task)).AsTask();
        Task<int>[] queued = [.. Enumerable.Range(1, 3).Select(i => pool.ExecuteAsync(_ =>
        {
            lock (order)
            {
                order.Add(i);
            }

            return ValueTask.FromResult(i);
        }).AsTask())];

        gate.SetResult(0);
        await Task.WhenAll(queued);

        Assert.Equal([1, 2, 3], order);
        Assert.Equal(4, pool.GetStatistics().Completed);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_RejectsAtOnce()
    {
        var pool = new Bulkhead("p", new BulkheadOptions { MaxConcurrency = 1, MaxQueueLength = 1 }, _time);
        using BulkheadLease held = await pool.AcquireAsync();
        ValueTask<BulkheadLease> waiting = pool.AcquireAsync();

        BulkheadRejectedException ex = await Assert.ThrowsAsync<BulkheadRejectedException>(() => pool.AcquireAsync().AsTask());

        Assert.False(ex.QueueTimedOut);
        Assert.Equal("p", ex.StrategyName);
        Assert.Equal(1, pool.GetStatistics().Rejected);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileQueued_LeavesQueueAndCounts()
    {
        var pool = new Bulkhead("p", new BulkheadOptions { MaxConcurrency = 1 }, _time);
        using BulkheadLease held = await pool.AcquireAsync();
        using var cts = new CancellationTokenSource();
        Task<BulkheadLease> waiting = pool.AcquireAsync(cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        BulkheadStatistics stats = pool.GetStatistics();
        Assert.Equal((1L, 0L, 1L), (stats.Active, stats.Queued, stats.Canceled));
    }

    [Fact]
    public void TryAcquire_Full_ReturnsFalseAndCountsRejection()
    {
        var pool = new Bulkhead("p", new BulkheadOptions { MaxConcurrency = 2 }, _time);
        Assert.True(pool.TryAcquire(out BulkheadLease a));
        Assert.True(pool.TryAcquire(out BulkheadLease b));

        Assert.False(pool.TryAcquire(out _));

        a.Dispose();
        b.DisposeAsFailed();
        BulkheadStatistics stats = pool.GetStatistics();
        Assert.Equal((0L, 3L, 1L, 1L, 1L), (stats.Active, stats.Total, stats.Completed, stats.Failed, stats.Rejected));
    }

    [Fact]
    public async Task ExecuteAsync_OperationThrows_CountsFailedAndFreesSlot()
    {
        var pool = new Bulkhead("p", new BulkheadOptions { MaxConcurrency = 1 }, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.ExecuteAsync<int>(static _ => throw new InvalidOperationException()).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.ExecuteAsync<int>(static async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException();
        }).AsTask());

        BulkheadStatistics stats = pool.GetStatistics();
        Assert.Equal((0L, 2L), (stats.Active, stats.Failed));
    }

    [Fact]
    public async Task ExecuteAsync_ManyThreads_NeverExceedsLimitAndCountsAddUp()
    {
        var pool = new Bulkhead("p", new BulkheadOptions { MaxConcurrency = 3, MaxQueueLength = 4, QueueTimeout = TimeSpan.FromMinutes(5) }, TimeProvider.System);
        int inside = 0;
        int maxInside = 0;
        long rejected = 0;
        using var start = new Barrier(8);

        Task[] workers = [.. Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 2_000; i++)
            {
                try
                {
                    await pool.ExecuteAsync(
                        async (n, _) =>
                        {
                            int now = Interlocked.Increment(ref inside);
                            InterlockedMax(ref maxInside, now);
                            if (n % 7 == 0)
                            {
                                await Task.Yield();
                            }

                            Interlocked.Decrement(ref inside);
                            return n % 11 == 0 ? throw new InvalidOperationException() : n;
                        },
                        i);
                }
                catch (BulkheadRejectedException)
                {
                    Interlocked.Increment(ref rejected);
                }
                catch (InvalidOperationException)
                {
                }
            }
        }))];
        await Task.WhenAll(workers);

        BulkheadStatistics stats = pool.GetStatistics();
        Assert.InRange(maxInside, 1, 3);
        Assert.Equal(0, stats.Active);
        Assert.Equal(0, stats.Queued);
        Assert.Equal(16_000, stats.Total);
        Assert.Equal(rejected, stats.Rejected);
        Assert.Equal(stats.Total, stats.Completed + stats.Failed + stats.Rejected + stats.TimedOut + stats.Canceled);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

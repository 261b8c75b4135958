using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Tests.RateLimiting;

/// <summary>The coalescing queue on its own, with a batch decider the test holds in flight.</summary>
public sealed class RedisDecisionLaneTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Enqueue_WhileACallIsInFlight_QueuedDecisionsGoAsOneBatchInArrivalOrder()
    {
        var decider = new HeldDecider();
        var lane = new RedisDecisionLane(decider.DecideAsync, maxInFlight: 1);
        PendingRedisDecision first = Pending("a");
        PendingRedisDecision[] queued = [Pending("b"), Pending("a", 2), Pending("c")];

        lane.Enqueue(first);
        foreach (PendingRedisDecision decision in queued)
        {
            lane.Enqueue(decision);
        }

        Assert.Equal(["a"], decider.Batches.Single());
        decider.Release();
        await first.AsValueTask().AsTask().WaitAsync(Bound);
        await decider.SecondBatchStarted.Task.WaitAsync(Bound);
        decider.Release();
        RateLimitDecision[] results = await Task.WhenAll(queued.Select(d => d.AsValueTask().AsTask())).WaitAsync(Bound);

        Assert.Equal(2, decider.Batches.Count);
        Assert.Equal(["b", "a", "c"], decider.Batches[1]);
        Assert.Equal([1, 2, 3], results.Select(r => r.Remaining));
    }

    [Fact]
    public async Task Enqueue_TwoCallsAllowedInFlight_SecondDecisionIsSentAtOnceAndTheRestQueue()
    {
        var decider = new HeldDecider();
        var lane = new RedisDecisionLane(decider.DecideAsync, maxInFlight: 2);
        PendingRedisDecision[] decisions = [Pending("a"), Pending("b"), Pending("c"), Pending("d")];

        foreach (PendingRedisDecision decision in decisions)
        {
            lane.Enqueue(decision);
        }

        Assert.Equal(2, decider.Batches.Count);
        Assert.Equal(["a"], decider.Batches[0]);
        Assert.Equal(["b"], decider.Batches[1]);
        decider.AutoRelease();
        decider.Release();
        await Task.WhenAll(decisions.Select(d => d.AsValueTask().AsTask())).WaitAsync(Bound);
        Assert.Equal(["c", "d"], decider.Batches[2]);
    }

    [Fact]
    public async Task TryEnter_LaneIdle_TakesTheSlotAndQueuedDecisionsGoAsOneCallOnExit()
    {
        var decider = new HeldDecider();
        var lane = new RedisDecisionLane(decider.DecideAsync, maxInFlight: 1);
        PendingRedisDecision[] queued = [Pending("b"), Pending("c")];

        Assert.True(lane.TryEnter());
        Assert.False(lane.TryEnter());
        foreach (PendingRedisDecision decision in queued)
        {
            lane.Enqueue(decision);
        }

        Assert.Empty(decider.Batches);
        decider.AutoRelease();
        lane.Exit();
        await Task.WhenAll(queued.Select(d => d.AsValueTask().AsTask())).WaitAsync(Bound);

        Assert.Equal(["b", "c"], decider.Batches.Single());

        // The pump gives the slot back once the queue is empty.
        bool entered = false;
        await WaitUntilAsync(() => entered || (entered = lane.TryEnter()));
        lane.Exit();
    }

    [Fact]
    public async Task Enqueue_QueuedDecisionCancelled_CompletesAtOnceAndIsNeverSent()
    {
        var decider = new HeldDecider();
        var lane = new RedisDecisionLane(decider.DecideAsync, maxInFlight: 1);
        using var cancellation = new CancellationTokenSource();
        PendingRedisDecision inFlight = Pending("a");
        PendingRedisDecision cancelled = Pending("cancelled");
        cancelled.RegisterCancellation(cancellation.Token);
        PendingRedisDecision after = Pending("b");
        lane.Enqueue(inFlight);
        lane.Enqueue(cancelled);
        lane.Enqueue(after);

        await cancellation.CancelAsync();

        // Cancelled while the call ahead of it is still in flight: it does not wait for that call.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.AsValueTask().AsTask().WaitAsync(Bound));
        Assert.False(inFlight.IsCompleted);
        decider.Release();
        await decider.SecondBatchStarted.Task.WaitAsync(Bound);
        decider.Release();
        await after.AsValueTask().AsTask().WaitAsync(Bound);
        Assert.Equal(["b"], decider.Batches[1]);
    }

    [Fact]
    public async Task Enqueue_MoreThanMaxBatchQueued_SplitsIntoCallsOfAtMostMaxBatch()
    {
        var decider = new HeldDecider();
        var lane = new RedisDecisionLane(decider.DecideAsync, maxInFlight: 1);
        PendingRedisDecision[] decisions = Enumerable.Range(0, RedisDecisionLane.MaxBatch + 11).Select(i => Pending($"k{i}")).ToArray();
        foreach (PendingRedisDecision decision in decisions)
        {
            lane.Enqueue(decision);
        }

        decider.AutoRelease();
        await Task.WhenAll(decisions.Select(d => d.AsValueTask().AsTask())).WaitAsync(Bound);

        Assert.Equal([1, RedisDecisionLane.MaxBatch, 10], decider.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task Enqueue_LaneIdleAgain_ReportsIdleAndSendsTheNextDecisionAtOnce()
    {
        var decider = new HeldDecider();
        int idle = 0;
        var lane = new RedisDecisionLane(decider.DecideAsync, _ => Interlocked.Increment(ref idle), "key", 1);
        decider.AutoRelease();

        PendingRedisDecision first = Pending("a");
        lane.Enqueue(first);
        await first.AsValueTask().AsTask().WaitAsync(Bound);
        await WaitUntilAsync(() => Volatile.Read(ref idle) == 1);
        PendingRedisDecision second = Pending("a");
        lane.Enqueue(second);
        await second.AsValueTask().AsTask().WaitAsync(Bound);

        Assert.Equal(2, decider.Batches.Count);
        Assert.Equal("key", lane.Key);
        await WaitUntilAsync(() => Volatile.Read(ref idle) == 2);
    }

    private static PendingRedisDecision Pending(string key, int cost = 1) => new(key, cost);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>Records every batch and holds each call until released; answers remaining = position in the batch + 1.</summary>
    private sealed class HeldDecider
    {
        private readonly SemaphoreSlim _release = new(0);
        private bool _auto;

        public List<List<string>> Batches { get; } = [];

        public TaskCompletionSource SecondBatchStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.Release();

        public void AutoRelease()
        {
            _auto = true;
            _release.Release();
        }

        public async Task DecideAsync(List<PendingRedisDecision> batch)
        {
            lock (Batches)
            {
                Batches.Add(batch.Select(d => d.Key).ToList());
                if (Batches.Count == 2)
                {
                    SecondBatchStarted.TrySetResult();
                }
            }

            if (!_auto)
            {
                await _release.WaitAsync();
            }
            else
            {
                await Task.Yield();
            }

            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].SetResult(new RateLimitDecision(true, 10, i + 1, DateTimeOffset.UnixEpoch, TimeSpan.Zero));
            }
        }
    }
}

using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.Writing;

public sealed class LegTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Regression (issue 7, stalled-leg fault case): database clients cancel synchronously inside the token's
    /// callback (MySqlConnector opens a new connection for KILL QUERY and, on a stalled server, blocks until its
    /// cancellation timeout). The leg used to <c>await cts.CancelAsync()</c>, which runs those callbacks on a
    /// thread-pool thread and waits for them: 40 timed-out legs blocked 40 pool threads, every other I/O
    /// continuation in the process (the ledger's connection opens on a healthy server included) starved past its
    /// connect timeout. A timed-out leg must return at once and cancel off the thread pool.
    /// </summary>
    [Fact]
    public async Task WriteAsync_ClientCancellationBlocksOnAStalledServer_TimedOutLegReturnsAtOnceAndCancelsOffTheThreadPool()
    {
        using var stalled = new StalledTarget("stalled");
        using var harness = new MultiWriteHarness(b => b.AddTarget("stalled", _ => stalled, o => o.Timeout = TimeSpan.FromSeconds(1)));

        Task<MultiWriteResult> writing = harness.Writer.WriteAsync(MultiWriteHarness.Record());
        await stalled.Started.Task.WaitAsync(s_bound);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        MultiWriteResult result = await writing.WaitAsync(s_bound);
        bool cancelEntered = stalled.CancelEntered.Wait(s_bound);
        bool cancelStillBlocked = !stalled.Operation.IsCompleted;
        stalled.Release.Set();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled.Operation.WaitAsync(s_bound));

        LegFailure failure = Assert.Single(result.Failed);
        Assert.Equal("stalled", failure.Database);
        Assert.Equal(LegState.Pending, failure.State);
        Assert.Contains("Timeout", failure.Error, StringComparison.Ordinal);
        Assert.True(cancelEntered, "the timed-out attempt was cancelled");
        Assert.True(cancelStillBlocked, "the write returned while the client's cancellation was still blocked");
        Assert.False(stalled.CancelledOnThreadPoolThread, "the blocking cancellation ran on a thread-pool thread");
    }

    [Fact]
    public async Task WriteAsync_ManyLegsTimeOutWhileCancellationBlocks_ThreadPoolStillRunsWork()
    {
        var targets = Enumerable.Range(0, 64).Select(i => new StalledTarget($"stalled-{i}")).ToArray();
        try
        {
            using var harness = new MultiWriteHarness(b =>
            {
                foreach (StalledTarget target in targets)
                {
                    b.AddTarget(target.Name, _ => target, o => o.Timeout = TimeSpan.FromSeconds(1));
                }
            });

            Task<MultiWriteResult> writing = harness.Writer.WriteAsync(MultiWriteHarness.Record());
            await Task.WhenAll(targets.Select(t => t.Started.Task)).WaitAsync(s_bound);
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            MultiWriteResult result = await writing.WaitAsync(s_bound);
            Assert.All(targets, t => Assert.True(t.CancelEntered.Wait(s_bound)));

            // 64 cancellations are blocked right now; work queued to the pool still runs.
            int ran = await Task.Run(() => 42).WaitAsync(s_bound);

            Assert.Equal(42, ran);
            Assert.Equal(64, result.Failed.Count);
            Assert.DoesNotContain(targets, t => t.CancelledOnThreadPoolThread);
        }
        finally
        {
            foreach (StalledTarget target in targets)
            {
                target.Release.Set();
                target.Dispose();
            }
        }
    }

    /// <summary>A target whose write never completes and whose cancellation blocks like a client's KILL QUERY on a stalled server.</summary>
    private sealed class StalledTarget(string name) : IWriteTarget, IDisposable
    {
        private readonly TaskCompletionSource<TargetWriteOutcome> _operation = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenRegistration _registration;

        public string Name { get; } = name;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim CancelEntered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public bool CancelledOnThreadPoolThread { get; private set; }

        public Task<TargetWriteOutcome> Operation => _operation.Task;

        public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken)
        {
            _registration = cancellationToken.Register(() =>
            {
                CancelledOnThreadPoolThread = Thread.CurrentThread.IsThreadPoolThread;
                CancelEntered.Set();
                Release.Wait(s_bound);
                _operation.TrySetCanceled(cancellationToken);
            });
            Started.TrySetResult();
            return _operation.Task;
        }

        public Task TombstoneAsync(TargetRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<StoredRecord>> ReadAsync(IReadOnlyCollection<Guid> writeIds, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredRecord>>([]);

        public Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredRecord>>([]);

        public PoolStatistics? GetPoolStatistics() => null;

        public void Dispose()
        {
            Release.Set();
            _registration.Dispose();
            CancelEntered.Dispose();
            Release.Dispose();
        }
    }
}

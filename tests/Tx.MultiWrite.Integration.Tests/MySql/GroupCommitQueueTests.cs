using Tx.MultiWrite.MySql.Ledger;

namespace Tx.MultiWrite.Integration.Tests.MySql;

/// <summary>The group-commit queue alone, with a commit function the test holds and releases.</summary>
public sealed class GroupCommitQueueTests
{
    [Fact]
    public async Task EnqueueAsync_IdleQueue_CommitsTheItemAtOnceAlone()
    {
        var commits = new List<int[]>();
        var queue = new GroupCommitQueue<int, int>(items => Commit(commits, items), 64, _ => 1, 100);

        int result = await queue.EnqueueAsync(7);

        Assert.Equal(70, result);
        Assert.Equal([[7]], commits);
    }

    [Fact]
    public async Task EnqueueAsync_WhileACommitIsInFlight_LaterItemsGoTogetherInTheNextBatch()
    {
        var commits = new List<int[]>();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommitQueue<int, int>(
            async items =>
            {
                if (commits.Count == 0)
                {
                    await hold.Task;
                }

                return await Commit(commits, items);
            },
            64,
            _ => 1,
            100);

        Task<int> first = queue.EnqueueAsync(0);
        Task<int>[] later = [.. Enumerable.Range(1, 20).Select(queue.EnqueueAsync)];
        Assert.False(first.IsCompleted);
        hold.SetResult();
        int[] results = await Task.WhenAll([first, .. later]);

        Assert.Equal(Enumerable.Range(0, 21).Select(i => i * 10), results);
        Assert.Equal([[0], [.. Enumerable.Range(1, 20)]], commits);
        Assert.Equal(2, queue.Batches);
        Assert.Equal(20, queue.LargestBatch);
    }

    [Fact]
    public async Task EnqueueAsync_ManyConcurrentCallers_EveryCallerGetsItsOwnResult()
    {
        var commits = new List<int[]>();
        var queue = new GroupCommitQueue<int, int>(async items =>
        {
            await Task.Yield();
            return await Commit(commits, items);
        }, 16, _ => 1, 1_000);

        int[] results = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(() => queue.EnqueueAsync(i))));

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => i * 10), results);
        Assert.Equal(2_000, commits.Sum(c => c.Length));
        Assert.All(commits, c => Assert.InRange(c.Length, 1, 16));
    }

    [Fact]
    public async Task EnqueueAsync_BatchLimits_SplitByCountAndByWeight()
    {
        var commits = new List<int[]>();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommitQueue<int, int>(
            async items =>
            {
                if (commits.Count == 0)
                {
                    await hold.Task;
                }

                return await Commit(commits, items);
            },
            3,
            i => i >= 100 ? 1_000 : 10,
            100);

        Task<int> first = queue.EnqueueAsync(0);
        Task<int>[] later = [.. new[] { 1, 2, 3, 4, 500, 5 }.Select(queue.EnqueueAsync)];
        hold.SetResult();
        await Task.WhenAll([first, .. later]);

        // Three at most; the heavy item goes alone (it is over the weight budget by itself).
        Assert.Equal([[0], [1, 2, 3], [4], [500], [5]], commits);
    }

    [Fact]
    public async Task EnqueueAsync_CommitFails_EveryItemOfThatBatchFailsAndTheNextBatchStillCommits()
    {
        var commits = new List<int[]>();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommitQueue<int, int>(
            async items =>
            {
                if (commits.Count == 0)
                {
                    await hold.Task;
                }

                if (items.Contains(-1))
                {
                    commits.Add([.. items]);
                    throw new InvalidOperationException("batch rejected");
                }

                return await Commit(commits, items);
            },
            64,
            _ => 1,
            100);

        Task<int> first = queue.EnqueueAsync(0);
        Task<int>[] doomed = [queue.EnqueueAsync(1), queue.EnqueueAsync(-1), queue.EnqueueAsync(2)];
        hold.SetResult();
        await first;

        foreach (Task<int> member in doomed)
        {
            InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => member);
            Assert.Equal("batch rejected", error.Message);
        }

        Assert.Equal(30, await queue.EnqueueAsync(3));
        Assert.Equal([[0], [1, -1, 2], [3]], commits);
    }

    private static Task<int[]> Commit(List<int[]> commits, IReadOnlyList<int> items)
    {
        lock (commits)
        {
            commits.Add([.. items]);
        }

        return Task.FromResult(items.Select(i => i * 10).ToArray());
    }
}

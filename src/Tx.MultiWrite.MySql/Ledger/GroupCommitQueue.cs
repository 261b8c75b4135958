namespace Tx.MultiWrite.MySql.Ledger;

/// <summary>
/// Group commit: concurrent callers' items are committed together by one call of the commit function (one
/// round trip, one transaction). At most one commit is in flight: an item that arrives while the queue is idle
/// is committed at once, alone (no added latency for a lone writer); items that arrive while a commit is in
/// flight wait for it and go together in the next one. Every caller awaits its own batch's commit, so the
/// durability of each call is exactly that of an unbatched call. When the commit function throws, every item of
/// that batch fails with the exception (the function must commit all of a batch or nothing).
/// </summary>
/// <typeparam name="TItem">The item type.</typeparam>
/// <typeparam name="TResult">The per-item result.</typeparam>
internal sealed class GroupCommitQueue<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, Task<TResult[]>> _commit;
    private readonly Func<TItem, long> _weight;
    private readonly int _maxItems;
    private readonly long _maxWeight;
    private readonly Lock _lock = new();
    private readonly Queue<Entry> _waiting = new();
    private bool _committing;

    /// <summary>Initializes a new instance of the <see cref="GroupCommitQueue{TItem, TResult}"/> class.</summary>
    /// <param name="commit">Commits a batch atomically and returns one result per item, in order.</param>
    /// <param name="maxItems">The most items in one batch.</param>
    /// <param name="weight">An item's size (for example its payload bytes).</param>
    /// <param name="maxWeight">The most total weight in one batch (a single heavier item still goes, alone).</param>
    public GroupCommitQueue(Func<IReadOnlyList<TItem>, Task<TResult[]>> commit, int maxItems, Func<TItem, long> weight, long maxWeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        _commit = commit;
        _maxItems = maxItems;
        _weight = weight;
        _maxWeight = maxWeight;
    }

    /// <summary>Gets the number of batches committed (or failed) so far.</summary>
    public long Batches { get; private set; }

    /// <summary>Gets the number of items in the largest batch so far.</summary>
    public int LargestBatch { get; private set; }

    /// <summary>Queues an item; the task completes when the batch that carries it has committed.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The item's result.</returns>
    public Task<TResult> EnqueueAsync(TItem item)
    {
        var entry = new Entry(item);
        lock (_lock)
        {
            _waiting.Enqueue(entry);
            if (_committing)
            {
                return entry.Completion.Task;
            }

            _committing = true;
        }

        _ = CommitLoopAsync();
        return entry.Completion.Task;
    }

    private async Task CommitLoopAsync()
    {
        while (true)
        {
            List<Entry> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _committing = false;
                    return;
                }

                batch = new List<Entry>(Math.Min(_waiting.Count, _maxItems));
                long weight = 0;
                while (_waiting.Count > 0 && batch.Count < _maxItems)
                {
                    long next = _weight(_waiting.Peek().Item);
                    if (batch.Count > 0 && weight + next > _maxWeight)
                    {
                        break;
                    }

                    weight += next;
                    batch.Add(_waiting.Dequeue());
                }

                Batches++;
                LargestBatch = Math.Max(LargestBatch, batch.Count);
            }

            try
            {
                var items = new TItem[batch.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = batch[i].Item;
                }

                TResult[] results = await _commit(items).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (Entry entry in batch)
                {
                    entry.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed class Entry(TItem item)
    {
        public TItem Item { get; } = item;

        // Continuations run asynchronously: the loop goes on to the next batch instead of running callers' code.
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

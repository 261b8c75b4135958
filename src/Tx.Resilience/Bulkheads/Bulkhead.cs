using Tx.Resilience.Telemetry;

namespace Tx.Resilience.Bulkheads;

/// <summary>
/// A named pool that bounds how many calls run at once (the guide's <c>bulkhead.createPool(name, 15)</c>); calls beyond
/// the limit wait in a bounded FIFO queue for at most the queue timeout, then are rejected with
/// <see cref="BulkheadRejectedException"/>. Acquiring a free slot is lock-free and allocation-free.
/// </summary>
public sealed partial class Bulkhead : IBulkheadStatisticsSource
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly TimeProvider _timeProvider;
    private readonly ResilienceTelemetry _telemetry;
    private readonly int _maxConcurrency;
    private readonly int _maxQueueLength;
    private readonly TimeSpan _queueTimeout;
    private int _active;
    private int _queued;
    private long _total;
    private long _completed;
    private long _failed;
    private long _rejected;
    private long _timedOut;
    private long _canceled;

    /// <summary>Initializes a new instance of the <see cref="Bulkhead"/> class.</summary>
    /// <param name="name">The pool's name.</param>
    /// <param name="options">The options; <see langword="null"/> for the guide's defaults.</param>
    /// <param name="timeProvider">The clock the queue timeout runs on; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names every invalid option.</exception>
    public Bulkhead(string name, BulkheadOptions? options = null, TimeProvider? timeProvider = null)
        : this(name, options ?? new BulkheadOptions(), timeProvider ?? TimeProvider.System, ResilienceTelemetry.None)
    {
    }

    internal Bulkhead(string name, BulkheadOptions options, TimeProvider timeProvider, ResilienceTelemetry telemetry)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.Validate(new BulkheadOptionsValidator(), name, options);
        Name = name;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _maxConcurrency = options.MaxConcurrency;
        _maxQueueLength = options.MaxQueueLength;
        _queueTimeout = options.QueueTimeout;
        telemetry.Metrics?.Register(this);
    }

    /// <summary>Gets the pool's name.</summary>
    public string Name { get; }

    /// <summary>Gets the maximum concurrency.</summary>
    public int Capacity => _maxConcurrency;

    long IBulkheadStatisticsSource.ActiveCount => Volatile.Read(ref _active);

    long IBulkheadStatisticsSource.QueuedCount => Volatile.Read(ref _queued);

    /// <summary>Gets the pool's counters.</summary>
    /// <returns>The statistics.</returns>
    public BulkheadStatistics GetStatistics() => new(
        Name,
        Volatile.Read(ref _active),
        Volatile.Read(ref _queued),
        _maxConcurrency,
        _maxQueueLength,
        Interlocked.Read(ref _total),
        Interlocked.Read(ref _completed),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _timedOut),
        Interlocked.Read(ref _canceled));

    /// <summary>Takes a free slot without waiting.</summary>
    /// <param name="lease">The slot, when one was free.</param>
    /// <returns><see langword="true"/> when a slot was taken; otherwise the call is counted as rejected.</returns>
    public bool TryAcquire(out BulkheadLease lease)
    {
        Interlocked.Increment(ref _total);
        if (TryEnterFast())
        {
            lease = new BulkheadLease(this);
            return true;
        }

        Interlocked.Increment(ref _rejected);
        _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.BulkheadKind);
        lease = default;
        return false;
    }

    /// <summary>Takes a slot, waiting in the queue when none is free.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The slot; dispose it to free it.</returns>
    /// <exception cref="BulkheadRejectedException">The queue is full, or the wait exceeded the queue timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<BulkheadLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _total);
        return TryEnterFast() ? new ValueTask<BulkheadLease>(new BulkheadLease(this)) : AcquireSlow(cancellationToken);
    }

    internal void Release(bool failed)
    {
        Interlocked.Increment(ref failed ? ref _failed : ref _completed);
        if (Volatile.Read(ref _queued) == 0)
        {
            Interlocked.Decrement(ref _active);

            // A caller may have queued between the two reads; it re-checks _active after incrementing _queued,
            // and we re-check _queued after decrementing _active, so one of us sees the other.
            if (Volatile.Read(ref _queued) != 0)
            {
                Dispatch();
            }

            return;
        }

        Waiter? granted = null;
        lock (_lock)
        {
            // Hand this slot straight to the oldest waiter: _active stays the same.
            if (_queue.First is { } node)
            {
                _queue.RemoveFirst();
                Interlocked.Decrement(ref _queued);
                granted = node.Value;
            }
            else
            {
                Interlocked.Decrement(ref _active);
            }
        }

        granted?.Grant();
    }

    private bool TryEnterFast()
    {
        if (Volatile.Read(ref _queued) != 0)
        {
            return false;
        }

        return TryIncrementActive();
    }

    private bool TryIncrementActive()
    {
        int active = Volatile.Read(ref _active);
        while (active < _maxConcurrency)
        {
            int seen = Interlocked.CompareExchange(ref _active, active + 1, active);
            if (seen == active)
            {
                return true;
            }

            active = seen;
        }

        return false;
    }

    private void Dispatch()
    {
        while (true)
        {
            Waiter? granted = null;
            lock (_lock)
            {
                if (_queue.First is { } node && TryIncrementActive())
                {
                    _queue.RemoveFirst();
                    Interlocked.Decrement(ref _queued);
                    granted = node.Value;
                }
            }

            if (granted is null)
            {
                return;
            }

            granted.Grant();
        }
    }

    private ValueTask<BulkheadLease> AcquireSlow(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _canceled);
            return ValueTask.FromCanceled<BulkheadLease>(cancellationToken);
        }

        Waiter waiter;
        lock (_lock)
        {
            if (_queue.Count == 0 && TryIncrementActive())
            {
                return new ValueTask<BulkheadLease>(new BulkheadLease(this));
            }

            if (_queue.Count >= _maxQueueLength)
            {
                Interlocked.Increment(ref _rejected);
                _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.BulkheadKind);
                Log.BulkheadRejected(_telemetry.Logger, Name, "queue full");
                return ValueTask.FromException<BulkheadLease>(new BulkheadRejectedException(Name, queueTimedOut: false));
            }

            waiter = new Waiter(this);
            waiter.Node = _queue.AddLast(waiter);
            Interlocked.Increment(ref _queued);

            // See Release: a slot freed just before we incremented _queued must not be lost.
            if (_queue.Count == 1 && TryIncrementActive())
            {
                _queue.RemoveFirst();
                Interlocked.Decrement(ref _queued);
                return new ValueTask<BulkheadLease>(new BulkheadLease(this));
            }
        }

        return WaitAsync(waiter, cancellationToken);
    }

    private async ValueTask<BulkheadLease> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        using ITimer timer = _timeProvider.CreateTimer(static s => ((Waiter)s!).Abandon(canceled: false, default), waiter, _queueTimeout, Timeout.InfiniteTimeSpan);
        using CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(static (s, ct) => ((Waiter)s!).Abandon(canceled: true, ct), waiter);
        await waiter.Task.ConfigureAwait(false);
        return new BulkheadLease(this);
    }

    private bool TryRemoveWaiter(Waiter waiter, bool canceled)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null)
            {
                return false;
            }

            _queue.Remove(waiter.Node);
            Interlocked.Decrement(ref _queued);
        }

        Interlocked.Increment(ref canceled ? ref _canceled : ref _timedOut);
        if (!canceled)
        {
            _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.BulkheadKind);
            Log.BulkheadRejected(_telemetry.Logger, Name, "queue timeout");
        }

        return true;
    }

    private sealed class Waiter(Bulkhead owner)
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public Task Task => _completion.Task;

        public void Grant() => _completion.TrySetResult();

        public void Abandon(bool canceled, CancellationToken cancellationToken)
        {
            if (!owner.TryRemoveWaiter(this, canceled))
            {
                return;
            }

            if (canceled)
            {
                _completion.TrySetCanceled(cancellationToken);
            }
            else
            {
                _completion.TrySetException(new BulkheadRejectedException(owner.Name, queueTimedOut: true));
            }
        }
    }
}

using System.Threading.RateLimiting;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// A sliding-window <see cref="RateLimiter"/> driven by a <see cref="TimeProvider"/>: every decision carries
/// remaining permits, reset time and retry-after (<see cref="TryAcquire"/> returns them without a lease);
/// <c>AcquireAsync</c> waits in a first-in first-out queue up to <see cref="SlidingWindowLimiterOptions.QueueLimit"/>.
/// </summary>
public abstract partial class SlidingWindowLimiter : RateLimiter
{
    private readonly SlidingWindow _window;
    private readonly WindowClock _clock;
    private readonly int _queueLimit;
    private readonly RateLimitingMetrics? _metrics;
    private readonly string _name;
    private readonly Queue<QueuedRequest> _queue = new();
    private int _queuedPermits;
    private ITimer? _timer;
    private bool _disposed;

    private protected SlidingWindowLimiter(
        SlidingWindowLimiterOptions options,
        SlidingWindowAlgorithm algorithm,
        TimeProvider? timeProvider,
        RateLimitingMetrics? metrics,
        string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.Validate(new SlidingWindowLimiterOptionsValidator(), name ?? RateLimitingConstants.DefaultLimiterName, options);
        _clock = new WindowClock(timeProvider ?? TimeProvider.System);
        _window = algorithm == SlidingWindowAlgorithm.Log
            ? new SlidingWindowLog(options.PermitLimit, options.Window.Ticks, _clock.Resolution, Math.Min(options.PermitLimit, 1024))
            : new SlidingWindowCounter(options.PermitLimit, options.Window.Ticks);
        _queueLimit = options.QueueLimit;
        _metrics = metrics;
        _name = name ?? RateLimitingConstants.DefaultLimiterName;
    }

    /// <summary>Gets the permit limit of the window.</summary>
    public int PermitLimit => _window.PermitLimit;

    /// <summary>Gets the length of the sliding window.</summary>
    public TimeSpan Window => TimeSpan.FromTicks(_window.WindowTicks);

    /// <inheritdoc />
    public override TimeSpan? IdleDuration
    {
        get
        {
            _window.Enter();
            try
            {
                long now = _clock.Now();
                long since = _queuedPermits > 0 ? -1 : _window.IdleSince(now);
                return since < 0 ? null : TimeSpan.FromTicks(now - since);
            }
            finally
            {
                _window.Exit();
            }
        }
    }

    /// <summary>
    /// Takes <paramref name="permitCount"/> permits when available and returns the decision; allocates nothing.
    /// A count of zero only asks whether a permit is available.
    /// </summary>
    /// <param name="permitCount">The permits wanted (the request's cost).</param>
    /// <returns>The decision with remaining permits, reset time and retry-after.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above the permit limit.</exception>
    /// <exception cref="ObjectDisposedException">The limiter is disposed.</exception>
    public RateLimitDecision TryAcquire(int permitCount = 1) => Decide(permitCount, wantLease: false, out _);

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics()
    {
        _window.Enter();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _window.Available(_clock.Now()),
                CurrentQueuedCount = _queuedPermits,
                TotalSuccessfulLeases = _window.SuccessfulCount,
                TotalFailedLeases = _window.FailedCount,
            };
        }
        finally
        {
            _window.Exit();
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        RateLimitDecision decision = Decide(permitCount, wantLease: true, out RateLimitDecisionLease? lease);
        return lease!.Fill(decision);
    }

    // One decision under the gate; a lease (when asked for) is taken from the window's spare inside the same gate.
    private RateLimitDecision Decide(int permitCount, bool wantLease, out RateLimitDecisionLease? lease)
    {
        ValidatePermitCount(permitCount);
        long now = _clock.Now();
        bool allowed;
        int remaining;
        long resetAt;
        long retryAfter;
        _window.Enter();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            allowed = DecideLocked(now, permitCount, out remaining, out resetAt, out retryAfter);
            _window.Count(allowed);
            lease = wantLease ? RateLimitDecisionLease.TakeFrom(_window) : null;
        }
        finally
        {
            _window.Exit();
        }

        _metrics?.Decision(_name, allowed);
        return new RateLimitDecision(allowed, _window.PermitLimit, remaining, _clock.ToUtcTicks(resetAt), retryAfter);
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ValidatePermitCount(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        long now = _clock.Now();
        QueuedRequest? queued = null;
        RateLimitDecisionLease? lease = null;
        RateLimitDecision decision;
        _window.Enter();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool allowed = DecideLocked(now, permitCount, out int remaining, out long resetAt, out long retryAfter);
            decision = new RateLimitDecision(
                allowed, _window.PermitLimit, remaining, _clock.ToUtcTicks(resetAt), retryAfter);
            if (allowed || permitCount == 0 || _queuedPermits + permitCount > _queueLimit)
            {
                _window.Count(allowed);
                lease = RateLimitDecisionLease.TakeFrom(_window);
            }
            else
            {
                var request = new QueuedRequest(this, permitCount);
                _queue.Enqueue(request);
                _queuedPermits += permitCount;
                ProcessQueueLocked(now);
                queued = request;
            }
        }
        finally
        {
            _window.Exit();
        }

        if (queued is not null)
        {
            // Registered outside the gate: a token cancelled meanwhile runs the callback inline, and the gate is not re-entrant.
            if (cancellationToken.CanBeCanceled)
            {
                queued.Register(cancellationToken);
            }

            return new ValueTask<RateLimitLease>(queued.Task);
        }

        _metrics?.Decision(_name, decision.IsAllowed);
        return new ValueTask<RateLimitLease>(lease!.Fill(decision));
    }

    private bool DecideLocked(long now, int permitCount, out int remaining, out long resetAt, out long retryAfter)
    {
        if (_queuedPermits > 0 && permitCount > 0)
        {
            // Waiting callers go first: a newcomer is refused until the queue has drained.
            remaining = _window.Peek(now, out resetAt);
            retryAfter = Math.Max(1, _window.RetryAfter(now, Math.Min(_window.PermitLimit, _queuedPermits + permitCount)));
            return false;
        }

        return _window.TryAcquire(now, permitCount, out remaining, out resetAt, out retryAfter);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        _window.Enter();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            while (_queue.TryDequeue(out QueuedRequest? request))
            {
                request.Complete(new RateLimitDecisionLease(
                    new RateLimitDecision(false, _window.PermitLimit, 0, _clock.ToUtcTicks(_clock.Now()), 0L)));
            }

            _queuedPermits = 0;
        }
        finally
        {
            _window.Exit();
        }
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }

    private void ValidatePermitCount(int permitCount)
    {
        if ((uint)permitCount > (uint)_window.PermitLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(permitCount),
                permitCount,
                $"The permit count must be between 0 and the permit limit ({_window.PermitLimit}).");
        }
    }

    private void OnTimer()
    {
        _window.Enter();
        try
        {
            if (!_disposed)
            {
                ProcessQueueLocked(_clock.Now());
            }
        }
        finally
        {
            _window.Exit();
        }
    }

    // Grants waiting requests oldest first; when the head cannot be granted yet, the timer wakes us when it can.
    private void ProcessQueueLocked(long now)
    {
        while (_queue.TryPeek(out QueuedRequest? head))
        {
            if (head.IsCompleted)
            {
                _queue.Dequeue();
                continue;
            }

            if (_window.TryAcquire(now, head.PermitCount, out int remaining, out long resetAt, out long retryAfter))
            {
                _window.Count(true);
                _queue.Dequeue();
                _queuedPermits -= head.PermitCount;
                _metrics?.Decision(_name, true);
                head.Complete(new RateLimitDecisionLease(
                    new RateLimitDecision(true, _window.PermitLimit, remaining, _clock.ToUtcTicks(resetAt), 0L)));
                continue;
            }

            _timer ??= _clock.TimeProvider.CreateTimer(
                static state => ((SlidingWindowLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(TimeSpan.FromTicks(Math.Max(1, retryAfter)), Timeout.InfiniteTimeSpan);
            return;
        }
    }

    private void OnCancelled(QueuedRequest request, CancellationToken token)
    {
        _window.Enter();
        try
        {
            if (request.TryCancel(token))
            {
                _queuedPermits -= request.PermitCount;
                if (!_disposed)
                {
                    ProcessQueueLocked(_clock.Now());
                }
            }
        }
        finally
        {
            _window.Exit();
        }
    }
}

using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// One sliding window per key (for example per client IP), as a <see cref="PartitionedRateLimiter{TResource}"/>.
/// Keys whose window is empty are evicted in the background; at most
/// <see cref="PartitionedSlidingWindowLimiterOptions.MaxTrackedKeys"/> keys are tracked. <see cref="TryAcquire"/>
/// decides without a lease and allocates nothing once a key is tracked. Requests never wait:
/// <c>AcquireAsync</c> decides at once.
/// </summary>
/// <typeparam name="TKey">The partition key.</typeparam>
public sealed class PartitionedSlidingWindowRateLimiter<TKey> : PartitionedRateLimiter<TKey>
    where TKey : notnull
{
    private static readonly TimeSpan s_forcedSweepSpacing = TimeSpan.FromSeconds(1);

    // Ordinal string keys (the usual case: client IPs) live in a table that files each window under its key;
    // any other key type or comparer uses the dictionary. Exactly one of the two is set.
    private readonly StringWindowTable? _strings;
    private readonly ConcurrentDictionary<TKey, SlidingWindow>? _windows;
    private readonly WindowClock _clock;
    private readonly int _permitLimit;
    private readonly long _windowTicks;
    private readonly SlidingWindowAlgorithm _algorithm;
    private readonly int _maxTrackedKeys;
    private readonly long _evictionIntervalTicks;
    private readonly RateLimitingMetrics? _metrics;
    private readonly string _name;
    private int _trackedKeys;
    private long _nextSweepAt;
    private long _nextForcedSweepAt;
    private int _sweeping;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="PartitionedSlidingWindowRateLimiter{TKey}"/> class.</summary>
    /// <param name="options">The per-key limit and window, the algorithm, and the key bound.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="keyComparer">Compares keys; the default comparer when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid; the message names every invalid option.</exception>
    public PartitionedSlidingWindowRateLimiter(
        PartitionedSlidingWindowLimiterOptions options,
        TimeProvider? timeProvider = null,
        IEqualityComparer<TKey>? keyComparer = null)
        : this(options, timeProvider, keyComparer, null, null)
    {
    }

    internal PartitionedSlidingWindowRateLimiter(
        PartitionedSlidingWindowLimiterOptions options,
        TimeProvider? timeProvider,
        IEqualityComparer<TKey>? keyComparer,
        RateLimitingMetrics? metrics,
        string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.Validate(new PartitionedSlidingWindowLimiterOptionsValidator(), name ?? RateLimitingConstants.DefaultLimiterName, options);
        _clock = new WindowClock(timeProvider ?? TimeProvider.System);
        if (typeof(TKey) == typeof(string) && (keyComparer is null
            || ReferenceEquals(keyComparer, EqualityComparer<string>.Default)
            || ReferenceEquals(keyComparer, StringComparer.Ordinal)))
        {
            _strings = new StringWindowTable();
        }
        else
        {
            _windows = new ConcurrentDictionary<TKey, SlidingWindow>(keyComparer);
        }

        _permitLimit = options.PermitLimit;
        _windowTicks = options.Window.Ticks;
        _algorithm = options.Algorithm;
        _maxTrackedKeys = options.MaxTrackedKeys;
        _evictionIntervalTicks = options.EvictionInterval.Ticks;
        _nextSweepAt = _evictionIntervalTicks;
        _metrics = metrics;
        _name = name ?? RateLimitingConstants.DefaultLimiterName;
    }

    /// <summary>Gets the permit limit of every key's window.</summary>
    public int PermitLimit => _permitLimit;

    /// <summary>Gets the number of keys tracked now.</summary>
    public int TrackedKeyCount => Volatile.Read(ref _trackedKeys);

    /// <summary>
    /// Takes <paramref name="permitCount"/> permits from <paramref name="key"/>'s window when available and returns
    /// the decision. Allocates nothing once the key is tracked. A count of zero only asks whether a permit is available.
    /// </summary>
    /// <param name="key">The partition key.</param>
    /// <param name="permitCount">The permits wanted (the request's cost).</param>
    /// <returns>The decision with remaining permits, reset time and retry-after.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above the permit limit.</exception>
    /// <exception cref="ObjectDisposedException">The limiter is disposed.</exception>
    public RateLimitDecision TryAcquire(TKey key, int permitCount = 1)
    {
        bool allowed = Decide(key, permitCount, wantLease: false, out _, out int remaining, out long resetAtUtcTicks, out long retryAfter);
        return new RateLimitDecision(allowed, _permitLimit, remaining, resetAtUtcTicks, retryAfter);
    }

    // One decision under the key's gate; a lease (when asked for) is taken from the window's spare inside the same gate.
    private bool Decide(
        TKey key, int permitCount, bool wantLease, out RateLimitDecisionLease? lease, out int remaining, out long resetAtUtcTicks, out long retryAfter)
    {
        ArgumentNullException.ThrowIfNull(key);
        if ((uint)permitCount > (uint)_permitLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(permitCount), permitCount, $"The permit count must be between 0 and the permit limit ({_permitLimit}).");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        long now = _clock.Now();
        bool allowed;
        long resetAt;
        while (true)
        {
            SlidingWindow? window = Find(key);
            if (window is null)
            {
                window = Track(key, now);
                if (window is null)
                {
                    // Every tracked key is busy: refuse rather than forget another key's history.
                    _metrics?.Decision(_name, false);
                    lease = wantLease ? new RateLimitDecisionLease(default) : null;
                    remaining = 0;
                    resetAtUtcTicks = _clock.ToUtcTicks(now + _evictionIntervalTicks);
                    retryAfter = _evictionIntervalTicks;
                    return false;
                }
            }

            if (_algorithm == SlidingWindowAlgorithm.Counter)
            {
                // No try/finally: nothing between Enter and Exit can throw (the counter only does arithmetic on its
                // fields and allocates nothing; a missing spare lease is made after the gate), and without a handler
                // the JIT keeps the window in registers: a few ns per decision.
                window.Enter();
                if (window.Evicted)
                {
                    window.Exit();
                    continue;
                }

                allowed = window.TryAcquire(now, permitCount, out remaining, out resetAt, out retryAfter);
                window.Count(allowed);
                lease = wantLease ? RateLimitDecisionLease.TakeSpareFrom(window) : null;
                window.Exit();
            }
            else if (!DecideLogged(window, now, permitCount, wantLease, out allowed, out remaining, out resetAt, out retryAfter, out lease))
            {
                continue;
            }

            if (wantLease)
            {
                lease ??= RateLimitDecisionLease.CreateFor(window);
            }

            break;
        }

        if (now >= Volatile.Read(ref _nextSweepAt))
        {
            ScheduleSweep(now);
        }

        _metrics?.Decision(_name, allowed);
        resetAtUtcTicks = _clock.ToUtcTicks(resetAt);
        return allowed;
    }

    // The exact log may grow its ring (allocate) under the gate, so its critical section keeps a finally; it lives in its
    // own method so the counter's path carries no exception handler. Returns false when the window was evicted.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool DecideLogged(
        SlidingWindow window,
        long now,
        int permitCount,
        bool wantLease,
        out bool allowed,
        out int remaining,
        out long resetAt,
        out long retryAfter,
        out RateLimitDecisionLease? lease)
    {
        window.Enter();
        try
        {
            if (window.Evicted)
            {
                allowed = false;
                remaining = 0;
                resetAt = 0;
                retryAfter = 0;
                lease = null;
                return false;
            }

            allowed = window.TryAcquire(now, permitCount, out remaining, out resetAt, out retryAfter);
            window.Count(allowed);
            lease = wantLease ? RateLimitDecisionLease.TakeSpareFrom(window) : null;
            return true;
        }
        finally
        {
            window.Exit();
        }
    }

    /// <summary>Removes every key whose window holds no permit now.</summary>
    /// <returns>The number of keys removed.</returns>
    public int RemoveIdleKeys()
    {
        long now = _clock.Now();
        int removed = 0;
        if (_strings is not null)
        {
            List<SlidingWindow> windows = new(_strings.Count);
            _strings.CopyWindows(windows);
            foreach (SlidingWindow window in windows)
            {
                if (TryMarkEvicted(window, now) && _strings.Remove(window))
                {
                    Interlocked.Decrement(ref _trackedKeys);
                    removed++;
                }
            }
        }
        else
        {
            foreach (KeyValuePair<TKey, SlidingWindow> entry in _windows!)
            {
                if (TryMarkEvicted(entry.Value, now) && _windows.TryRemove(entry))
                {
                    Interlocked.Decrement(ref _trackedKeys);
                    removed++;
                }
            }
        }

        _metrics?.Evicted(_name, removed);
        return removed;
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(TKey resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        SlidingWindow? window = Find(resource);
        if (window is null && !typeof(TKey).IsValueType && _strings is not null)
        {
            // A lock-free miss may be a rebuild in progress: statistics must not report a tracked key as fresh.
            window = _strings.FindLocked(Unsafe.As<string>(resource));
        }

        if (window is null)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _permitLimit };
        }

        window.Enter();
        try
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = window.Available(_clock.Now()),
                TotalSuccessfulLeases = window.SuccessfulCount,
                TotalFailedLeases = window.FailedCount,
            };
        }
        finally
        {
            window.Exit();
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(TKey resource, int permitCount)
    {
        bool allowed = Decide(resource, permitCount, wantLease: true, out RateLimitDecisionLease? lease, out int remaining, out long resetAtUtcTicks, out long retryAfter);
        return lease!.Fill(allowed, _permitLimit, remaining, resetAtUtcTicks, retryAfter);
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(TKey resource, int permitCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<RateLimitLease>(AttemptAcquireCore(resource, permitCount));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed = true;
            _strings?.Clear();
            _windows?.Clear();
            Volatile.Write(ref _trackedKeys, 0);
        }
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }

    // A compare-and-swap loop rather than increment-then-undo: the count itself never exceeds the bound, not even
    // for the instant between a losing newcomer's increment and its decrement (TrackedKeyCount reads it).
    private bool TryReserveSlot()
    {
        int current = Volatile.Read(ref _trackedKeys);
        while (current < _maxTrackedKeys)
        {
            int seen = Interlocked.CompareExchange(ref _trackedKeys, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private SlidingWindow? Track(TKey key, long now)
    {
        // The lock-free lookup may miss a present key while the table is rebuilt: look again under the table's lock
        // before spending a slot (at the bound, a false miss would refuse a tracked key).
        if (!typeof(TKey).IsValueType && _strings?.FindLocked(Unsafe.As<string>(key)) is { } tracked)
        {
            return tracked;
        }

        // Reserve a slot first, so concurrent newcomers can never push the count past the bound.
        if (!TryReserveSlot())
        {
            if (Find(key) is { } existing)
            {
                return existing;
            }

            if (!TryForcedSweep(now))
            {
                return null;
            }

            if (!TryReserveSlot())
            {
                return null;
            }
        }

        SlidingWindow created = _algorithm == SlidingWindowAlgorithm.Log
            ? new SlidingWindowLog(_permitLimit, _windowTicks, _clock.Resolution)
            : new SlidingWindowCounter(_permitLimit, _windowTicks);
        SlidingWindow window = _strings is not null
            ? _strings.GetOrAdd(Unsafe.As<string>(key), created)
            : _windows!.GetOrAdd(key, created);
        if (!ReferenceEquals(window, created))
        {
            Interlocked.Decrement(ref _trackedKeys);
        }

        return window;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SlidingWindow? Find(TKey key)
    {
        // IsValueType folds to a constant, so value-type keys compile to the dictionary path alone.
        if (!typeof(TKey).IsValueType && _strings is not null)
        {
            return _strings.Find(Unsafe.As<string>(key));
        }

        return _windows!.TryGetValue(key, out SlidingWindow? window) ? window : null;
    }

    // Marked under the window's gate: a caller that already holds this window retries with a fresh one.
    private static bool TryMarkEvicted(SlidingWindow window, long now)
    {
        window.Enter();
        try
        {
            if (window.Evicted || !window.IsIdle(now))
            {
                return false;
            }

            window.Evicted = true;
            return true;
        }
        finally
        {
            window.Exit();
        }
    }

    private bool TryForcedSweep(long now)
    {
        long next = Volatile.Read(ref _nextForcedSweepAt);
        if (now < next || Interlocked.CompareExchange(ref _nextForcedSweepAt, now + s_forcedSweepSpacing.Ticks, next) != next)
        {
            return false;
        }

        return RemoveIdleKeys() > 0;
    }

    private void ScheduleSweep(long now)
    {
        if (Interlocked.CompareExchange(ref _sweeping, 1, 0) != 0)
        {
            return;
        }

        Volatile.Write(ref _nextSweepAt, now + _evictionIntervalTicks);
        ThreadPool.UnsafeQueueUserWorkItem(
            static limiter =>
            {
                try
                {
                    limiter.RemoveIdleKeys();
                }
                finally
                {
                    Volatile.Write(ref limiter._sweeping, 0);
                }
            },
            this,
            preferLocal: false);
    }
}

namespace Tx.Resilience.Timeouts;

/// <summary>
/// A reusable cancellation source plus a <see cref="TimeProvider"/> timer that cancels it at the deadline. Pooled by
/// <see cref="TimeoutStrategy"/> so that an operation that finishes in time allocates nothing.
/// </summary>
internal sealed class TimeoutScope : IDisposable
{
    private const int Idle = 0;
    private const int Armed = 1;
    private const int Fired = 2;

    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _cts = new();
    private CancellationTokenRegistration _callerRegistration;
    private long _deadline = long.MaxValue;
    private int _state;
    private int _timerPending;

    public TimeoutScope(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _timer = timeProvider.CreateTimer(static s => ((TimeoutScope)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets a value indicating whether the deadline (not the caller) cancelled the token.</summary>
    public bool TimedOut { get; private set; }

    public CancellationToken Arm(TimeSpan timeout, long timeoutTimestampTicks, CancellationToken callerToken)
    {
        TimedOut = false;
        Volatile.Write(ref _deadline, _timeProvider.GetTimestamp() + timeoutTimestampTicks);
        Volatile.Write(ref _state, Armed);

        // A timer still pending from an earlier use fires no later than this deadline (same timeout, later start)
        // and re-arms itself for the remainder, so the timer is changed at most once per timeout period, not per call.
        if (Volatile.Read(ref _timerPending) == 0 && Interlocked.Exchange(ref _timerPending, 1) == 0)
        {
            _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        if (callerToken.CanBeCanceled)
        {
            _callerRegistration = callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _cts);
        }

        return _cts.Token;
    }

    /// <summary>Ends a use; returns whether the scope can be reused.</summary>
    public bool Disarm()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        if (Interlocked.CompareExchange(ref _state, Idle, Armed) != Armed)
        {
            // The timer fired (or is deciding whether to): never reuse this scope.
            return false;
        }

        Volatile.Write(ref _deadline, long.MaxValue);
        return _cts.TryReset();
    }

    public void Dispose()
    {
        _timer.Dispose();
        _callerRegistration.Dispose();
        _cts.Dispose();
    }

    private void OnTimer()
    {
        Volatile.Write(ref _timerPending, 0);
        if (Volatile.Read(ref _state) != Armed)
        {
            return;
        }

        if (RearmIfEarly())
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _state, Fired, Armed) != Armed)
        {
            return;
        }

        // The use we saw may have ended and a new one begun between the checks: its deadline is then in the future.
        if (_timeProvider.GetTimestamp() < Volatile.Read(ref _deadline))
        {
            Volatile.Write(ref _state, Armed);
            RearmIfEarly();
            return;
        }

        TimedOut = true;
        _cts.Cancel();
    }

    private bool RearmIfEarly()
    {
        long deadline = Volatile.Read(ref _deadline);
        if (deadline == long.MaxValue)
        {
            // The use ended meanwhile; nothing to wait for.
            return true;
        }

        long remaining = deadline - _timeProvider.GetTimestamp();
        if (remaining <= 0)
        {
            return false;
        }

        if (Interlocked.Exchange(ref _timerPending, 1) == 0)
        {
            var delay = TimeSpan.FromTicks((long)(remaining * ((double)TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency)) + 1);
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        return true;
    }
}

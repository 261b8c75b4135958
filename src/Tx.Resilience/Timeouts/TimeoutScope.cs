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
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        if (callerToken.CanBeCanceled)
        {
            _callerRegistration = callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _cts);
        }

        return _cts.Token;
    }

    /// <summary>Stops the timer; returns whether the scope can be reused.</summary>
    public bool Disarm()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        if (Interlocked.CompareExchange(ref _state, Idle, Armed) != Armed)
        {
            // The timer is firing or fired: its callback may still touch this scope, so it is never reused.
            return false;
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
        if (Interlocked.CompareExchange(ref _state, Fired, Armed) != Armed)
        {
            return;
        }

        if (_timeProvider.GetTimestamp() < Volatile.Read(ref _deadline))
        {
            // A late callback from an earlier use of this scope.
            Volatile.Write(ref _state, Armed);
            return;
        }

        TimedOut = true;
        _cts.Cancel();
    }
}

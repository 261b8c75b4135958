using System.Threading.Tasks.Sources;

namespace Tx.Messaging.InProcess;

/// <summary>
/// Parks one consumer without allocating. The consumer arms the signal, looks for work once more, and
/// only then awaits; producers, rebalances and cancellation call <see cref="Set"/>, which completes the
/// wait only when the consumer is armed (a running consumer costs the producer one read). The
/// continuation runs on the thread pool, never inline on the producer's thread.
/// </summary>
internal sealed class InProcessWakeSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _armed;

    /// <summary>Prepares a wait; the caller must look for work again afterwards, then <see cref="WaitAsync"/> or <see cref="Disarm"/>.</summary>
    public void Arm()
    {
        _core.Reset();

        // A full fence: the look for work that follows cannot be reordered before the flag is visible,
        // so a producer either sees the flag or its message is seen by that look.
        Interlocked.Exchange(ref _armed, 1);
    }

    /// <summary>Cancels an armed wait; <see langword="true"/> when a <see cref="Set"/> already fired, which must then be awaited.</summary>
    public bool Disarm() => Interlocked.Exchange(ref _armed, 0) == 0;

    /// <summary>Waits for <see cref="Set"/> after <see cref="Arm"/>.</summary>
    public ValueTask WaitAsync() => new(this, _core.Version);

    /// <summary>Wakes the consumer if it is armed.</summary>
    public void Set()
    {
        if (Volatile.Read(ref _armed) == 1 && Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
        {
            _core.SetResult(true);
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

using System.Runtime.CompilerServices;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The permits counted inside one sliding window. Not thread-safe: callers hold the window's gate
/// (<see cref="Enter"/> / <see cref="Exit"/>). Times are <see cref="WindowClock"/> ticks.
/// </summary>
internal abstract class SlidingWindow
{
    private int _gate;

    protected SlidingWindow(int permitLimit, long windowTicks)
    {
        PermitLimit = permitLimit;
        WindowTicks = windowTicks;
    }

    public int PermitLimit { get; }

    public long WindowTicks { get; }

    public long SuccessfulCount { get; private set; }

    public long FailedCount { get; private set; }

    /// <summary>A disposed lease of this window, ready for the next <c>AttemptAcquire</c>; taken under the gate.</summary>
    public RateLimitDecisionLease? SpareLease;

    /// <summary>The key this window is filed under in a <see cref="StringWindowTable"/>; set before it is published.</summary>
    public string? TableKey;

    /// <summary>The hash of <see cref="TableKey"/> in its table's current hash mode; changed only under the table's lock.</summary>
    public int TableHash;

    /// <summary>Gets or sets a value indicating whether a partitioned limiter has dropped this window.</summary>
    public bool Evicted { get; set; }

    /// <summary>Takes the window's gate: a spin lock, because every critical section is a few dozen instructions
    /// that never block, and an uncontended compare-exchange costs a third of a monitor on the machines we measured.
    /// Not re-entrant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _gate, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    /// <summary>Releases the window's gate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _gate, 0);

    /// <summary>
    /// Takes <paramref name="permitCount"/> permits at <paramref name="now"/> when available. A count of zero
    /// only asks whether one permit is available.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="permitCount">The permits wanted.</param>
    /// <param name="remaining">The permits available after the decision.</param>
    /// <param name="resetAt">When the number of available permits next grows (<paramref name="now"/> if it cannot).</param>
    /// <param name="retryAfter">Ticks until the request could be granted; zero on grants.</param>
    /// <returns>Whether the permits were granted.</returns>
    public bool TryAcquire(long now, int permitCount, out int remaining, out long resetAt, out long retryAfter)
    {
        int available = Advance(now);
        bool granted = permitCount == 0 ? available > 0 : permitCount <= available;
        if (granted)
        {
            if (permitCount > 0)
            {
                Record(now, permitCount);
                available -= permitCount;
            }

            retryAfter = 0;
        }
        else
        {
            retryAfter = TicksUntilAvailable(now, Math.Max(permitCount, 1), available);
        }

        remaining = available;
        if (available >= PermitLimit)
        {
            resetAt = now;
        }
        else if (!granted && Math.Max(permitCount, 1) == available + 1)
        {
            // The usual rejection (one permit short): the next permit frees up exactly when this request could pass.
            resetAt = now + retryAfter;
        }
        else
        {
            resetAt = now + TicksUntilAvailable(now, available + 1, available);
        }

        return granted;
    }

    /// <summary>Counts a decision for the statistics.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Count(bool granted)
    {
        if (granted)
        {
            SuccessfulCount++;
        }
        else
        {
            FailedCount++;
        }
    }

    /// <summary>Gets the permits available at <paramref name="now"/> and when that number next grows.</summary>
    public int Peek(long now, out long resetAt)
    {
        int available = Advance(now);
        resetAt = available >= PermitLimit ? now : now + TicksUntilAvailable(now, available + 1, available);
        return available;
    }

    /// <summary>Gets the ticks from <paramref name="now"/> until <paramref name="permitCount"/> permits are available.</summary>
    public long RetryAfter(long now, int permitCount) => TicksUntilAvailable(now, permitCount, Advance(now));

    /// <summary>Gets the permits available at <paramref name="now"/> without taking any.</summary>
    public int Available(long now) => Advance(now);

    /// <summary>Gets a value indicating whether the window holds no permit at <paramref name="now"/>.</summary>
    public bool IsIdle(long now) => Advance(now) == PermitLimit;

    /// <summary>Gets the time since which the window has been empty, or -1 when it holds permits.</summary>
    public abstract long IdleSince(long now);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        SpinWait spinner = default;
        while (Volatile.Read(ref _gate) != 0 || Interlocked.CompareExchange(ref _gate, 1, 0) != 0)
        {
            spinner.SpinOnce();
        }
    }

    /// <summary>Drops what left the window by <paramref name="now"/> and returns the available permits.</summary>
    protected abstract int Advance(long now);

    /// <summary>Counts <paramref name="permitCount"/> granted permits at <paramref name="now"/>.</summary>
    protected abstract void Record(long now, int permitCount);

    /// <summary>Ticks from <paramref name="now"/> until <paramref name="permitCount"/> permits are available.</summary>
    protected abstract long TicksUntilAvailable(long now, int permitCount, int available);
}

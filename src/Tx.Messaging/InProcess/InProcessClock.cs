namespace Tx.Messaging.InProcess;

/// <summary>
/// The in-process producer's record timestamps. With <see cref="TimeProvider.System"/> the wall clock is
/// read at most once per tick of the system's coarse clock (<see cref="Environment.TickCount64"/>: 1–4 ms
/// on Linux, about 15.6 ms on Windows): appends within one tick share the reading taken at its first
/// append, so a timestamp is never later than the append and at most one coarse tick earlier. Reading the
/// wall clock costs far more than an append on virtual machines (a paravirtual clock read, 0.2–0.4 µs
/// measured on the benchmark machine), the coarse clock is a read of the kernel's tick counter. Any other
/// provider (a test's fake clock) is read on every append.
/// </summary>
internal sealed class InProcessClock
{
    private readonly TimeProvider _timeProvider;
    private readonly bool _coarse;
    private Reading _last = new(long.MinValue, 0);

    public InProcessClock(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _coarse = ReferenceEquals(timeProvider, TimeProvider.System);
    }

    /// <summary>Gets the current UTC time in ticks (see the class remarks for its resolution).</summary>
    public long GetUtcTicks()
    {
        if (!_coarse)
        {
            return _timeProvider.GetUtcNow().UtcTicks;
        }

        long tick = Environment.TickCount64;
        Reading last = Volatile.Read(ref _last);
        if (last.Tick == tick)
        {
            return last.UtcTicks;
        }

        // Once per coarse tick: one small object, published whole (tick and time never mix readings).
        long now = _timeProvider.GetUtcNow().UtcTicks;
        Volatile.Write(ref _last, new Reading(tick, now));
        return now;
    }

    private sealed class Reading(long tick, long utcTicks)
    {
        public long Tick { get; } = tick;

        public long UtcTicks { get; } = utcTicks;
    }
}

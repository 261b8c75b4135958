using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class SlidingWindowCounterTests
{
    [Fact]
    public void TryAcquire_StaleReadingAfterTheWindowMovedOn_KeepsTheCountsInsteadOfResetting()
    {
        // Arrange: two callers read the clock on either side of a window boundary; the later one decides first.
        var window = new SlidingWindowCounter(permitLimit: 10, windowTicks: 100);
        Assert.True(window.TryAcquire(now: 150, permitCount: 8, out _, out _, out _));

        // Act: the caller that read 95 (the previous fixed window) decides second.
        bool stale = window.TryAcquire(now: 95, permitCount: 3, out int remainingAfterStale, out _, out _);
        bool next = window.TryAcquire(now: 151, permitCount: 3, out _, out _, out _);

        // Assert: the 8 permits of the current window still count for both.
        Assert.False(stale);
        Assert.Equal(2, remainingAfterStale);
        Assert.False(next);
        Assert.True(window.TryAcquire(now: 151, permitCount: 2, out int remaining, out _, out _));
        Assert.Equal(0, remaining);
    }

    [Fact]
    public void TryAcquire_WindowBoundaryCrossed_CurrentCountBecomesThePreviousOne()
    {
        // Arrange
        var window = new SlidingWindowCounter(permitLimit: 10, windowTicks: 100);
        Assert.True(window.TryAcquire(now: 10, permitCount: 10, out _, out _, out _));

        // Act: a quarter into the next window, three quarters of the previous one still overlap.
        bool granted = window.TryAcquire(now: 125, permitCount: 0, out int remaining, out _, out _);

        // Assert: ceil(10 × 75 / 100) = 8 in use.
        Assert.True(granted);
        Assert.Equal(2, remaining);
    }

    [Fact]
    public void TryAcquire_MoreThanOneWindowSkipped_PreviousCountDropped()
    {
        // Arrange
        var window = new SlidingWindowCounter(permitLimit: 10, windowTicks: 100);
        Assert.True(window.TryAcquire(now: 10, permitCount: 10, out _, out _, out _));

        // Act
        bool granted = window.TryAcquire(now: 250, permitCount: 10, out int remaining, out _, out _);

        // Assert
        Assert.True(granted);
        Assert.Equal(0, remaining);
    }
    [Property(MaxTest = 2_000)]
    public Property TryAcquire_AnyMonotoneTraffic_MatchesTheDividingReferenceTickForTick()
    {
        // Steps of (time advance, cost); the limit and window are small so every product stays exact in a double.
        Gen<(int Advance, int Cost)> step = Gen.Zip(Gen.Choose(0, 60), Gen.Choose(0, 4)).Select(t => (t.Item1, t.Item2));
        Gen<(int Limit, int Window, (int Advance, int Cost)[] Steps)> scenario =
            from limit in Gen.Choose(1, 12)
            from window in Gen.Choose(1, 100)
            from steps in step.ArrayOf()
            select (limit, window, steps);

        return Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var window = new SlidingWindowCounter(s.Limit, s.Window);
            var reference = new DividingCounter(s.Limit, s.Window);
            long now = 0;
            foreach ((int advance, int rawCost) in s.Steps)
            {
                now += advance;
                int cost = Math.Min(rawCost, s.Limit);
                bool granted = window.TryAcquire(now, cost, out int remaining, out long resetAt, out long retryAfter);
                (bool Granted, int Remaining, long ResetAt, long RetryAfter) expected = reference.TryAcquire(now, cost);
                if ((granted, remaining, resetAt, retryAfter) != expected)
                {
                    return false;
                }
            }

            return true;
        });
    }

    // The counter as first written: the weighted count and every reset time divided out on each decision.
    private sealed class DividingCounter(int limit, long windowTicks)
    {
        private long _start;
        private int _current;
        private int _previous;

        public (bool Granted, int Remaining, long ResetAt, long RetryAfter) TryAcquire(long now, int cost)
        {
            int available = Advance(now);
            bool granted = cost == 0 ? available > 0 : cost <= available;
            long retryAfter = 0;
            if (granted)
            {
                _current += cost;
                available -= cost;
            }
            else
            {
                retryAfter = Until(now, Math.Max(cost, 1), available);
            }

            long resetAt = available >= limit ? now
                : !granted && Math.Max(cost, 1) == available + 1 ? now + retryAfter
                : now + Until(now, available + 1, available);
            return (granted, available, resetAt, retryAfter);
        }

        private int Advance(long now)
        {
            if (now - _start >= windowTicks)
            {
                long start = now - (now % windowTicks);
                _previous = start - _start == windowTicks ? _current : 0;
                _current = 0;
                _start = start;
            }

            long weighted = _previous == 0 ? 0 : (long)Math.Ceiling((double)_previous * (_start + windowTicks - now) / windowTicks);
            return (int)Math.Max(0, limit - (_current + weighted));
        }

        private long Until(long now, int permits, int available)
        {
            if (permits <= available)
            {
                return 0;
            }

            long end = _start + windowTicks;
            long budget = (long)limit - permits - _current;
            if (budget >= 0 && _previous > 0)
            {
                return Math.Max(0, end - (long)Math.Floor((double)budget * windowTicks / _previous) - now);
            }

            long atNext = _current == 0 ? end : end + windowTicks - (long)Math.Floor((double)((long)limit - permits) * windowTicks / _current);
            return Math.Max(0, atNext - now);
        }
    }
}

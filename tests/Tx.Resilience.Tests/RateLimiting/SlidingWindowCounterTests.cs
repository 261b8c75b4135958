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
}

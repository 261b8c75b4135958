using Microsoft.Extensions.Time.Testing;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessClockTests
{
    [Fact]
    public void GetUtcTicks_FakeProvider_ReadsItOnEveryCall()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var clock = new InProcessClock(time);
        long first = clock.GetUtcTicks();

        // Act: less than any coarse tick later, a provider other than the system clock is still read exactly.
        time.Advance(TimeSpan.FromTicks(3));
        long second = clock.GetUtcTicks();

        // Assert
        Assert.Equal(time.GetUtcNow().UtcTicks - 3, first);
        Assert.Equal(time.GetUtcNow().UtcTicks, second);
    }

    [Fact]
    public void GetUtcTicks_SystemProvider_NeverLaterThanNowAndAtMostACoarseTickEarlier()
    {
        // Arrange
        var clock = new InProcessClock(TimeProvider.System);

        for (int i = 0; i < 1_000; i++)
        {
            // Act
            long before = TimeProvider.System.GetUtcNow().UtcTicks;
            long stamp = clock.GetUtcTicks();
            long after = TimeProvider.System.GetUtcNow().UtcTicks;

            // Assert: a reading shared within one coarse tick (1–16 ms); the bound leaves room for a
            // descheduled thread between the reads on a loaded machine, not for a stale clock.
            Assert.True(stamp <= after, $"stamp {stamp} is after {after}");
            Assert.True(stamp >= before - TimeSpan.FromSeconds(1).Ticks, $"stamp {stamp} is long before {before}");
        }
    }

    [Fact]
    public void GetUtcTicks_SystemProviderOverSeveralCoarseTicks_FollowsTheWallClock()
    {
        // Arrange
        var clock = new InProcessClock(TimeProvider.System);
        long first = clock.GetUtcTicks();
        long tick = Environment.TickCount64;

        // Act: spin (no sleep) until the coarse clock has moved on by at least two ticks of 1 ms.
        SpinWait.SpinUntil(() => Environment.TickCount64 >= tick + 2, TimeSpan.FromSeconds(10));
        long later = clock.GetUtcTicks();

        // Assert: a new coarse tick reads the wall clock again.
        Assert.True(later > first, $"{later} is not after {first}");
    }
}

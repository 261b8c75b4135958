using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Tests.CircuitBreaking;

// The system clock takes coarse-tick fast paths for open rejections and for counting successes; these tests pin what they must keep.
public sealed class CircuitBreakerSystemClockTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public void TryAcquire_OpenOnTheSystemClock_RejectsWithRetryAfterCloseToTheBreakDuration()
    {
        // Arrange
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1, BreakDuration = TimeSpan.FromHours(1) });
        Assert.True(breaker.TryAcquire(out CircuitBreakerPermit probe));
        breaker.RecordFailure(probe);

        // Act
        bool granted = breaker.TryAcquire(out CircuitBreakerPermit permit);

        // Assert: the coarse tick may report up to its slack more, never less than what is left.
        Assert.False(granted);
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.InRange(permit.RetryAfter!.Value, TimeSpan.FromHours(1) - TimeSpan.FromSeconds(5), TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData(15)] // shorter than the coarse slack: the precise path only
    [InlineData(120)] // the coarse fast path first, then the precise path near the end of the break
    public void TryAcquire_ShortBreakOnTheSystemClock_TurnsHalfOpenOnceTheBreakHasElapsed(int breakMilliseconds)
    {
        // Arrange
        var breakDuration = TimeSpan.FromMilliseconds(breakMilliseconds);
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1, BreakDuration = breakDuration });
        Assert.True(breaker.TryAcquire(out CircuitBreakerPermit probe));

        // Read before the failure that opens the circuit: the break ends no earlier than this instant plus its duration,
        // however long this thread is descheduled in between.
        long openedAt = TimeProvider.System.GetTimestamp();
        breaker.RecordFailure(probe);
        Assert.False(breaker.TryAcquire(out _));

        // Act: ask until a probe is admitted.
        CircuitBreakerPermit admitted;
        while (!breaker.TryAcquire(out admitted))
        {
            Assert.True(TimeProvider.System.GetElapsedTime(openedAt) < WaitLimit, "The breaker never admitted a probe.");
            Thread.Yield();
        }

        // Assert: never before the break ended.
        Assert.True(TimeProvider.System.GetElapsedTime(openedAt) >= breakDuration);
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        breaker.RecordSuccess(admitted);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task RecordSuccess_ManyThreadsOnTheSystemClock_CountsEveryCallOnce()
    {
        // Arrange: a one-hour window, so every call of the test falls inside it whatever bucket it lands in.
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { SamplingDuration = TimeSpan.FromHours(1), MinimumThroughput = 1_000_000 });
        const int Threads = 4;
        const int CallsPerThread = 20_000;

        // Act: successes take the coarse path, every 100th call fails through the lock.
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < CallsPerThread; i++)
            {
                Assert.True(breaker.TryAcquire(out CircuitBreakerPermit permit));
                if (i % 100 == 0)
                {
                    breaker.RecordFailure(permit);
                }
                else
                {
                    breaker.RecordSuccess(permit);
                }
            }
        })));

        // Assert
        CircuitBreakerSnapshot snapshot = breaker.GetSnapshot();
        Assert.Equal(Threads * CallsPerThread, snapshot.Calls);
        Assert.Equal(Threads * CallsPerThread / 100, snapshot.Failures);
        Assert.Equal(CircuitState.Closed, snapshot.State);
    }

    [Fact]
    public void TryRecordSuccessCoarse_TicksNearOrOutsideTheBucket_LeavesThemToThePreciseClock()
    {
        // Arrange: 10 buckets of one second; recording a failure starts the first bucket at the window's origin.
        var window = new SamplingWindow(TimeProvider.System, TimeSpan.FromSeconds(10).Ticks * TimeProvider.System.TimestampFrequency / TimeSpan.TicksPerSecond, coarseClock: true);
        long tick = Environment.TickCount64;
        window.RecordLocked(TimeProvider.System.GetTimestamp(), success: false);

        // Act
        bool inside = window.TryRecordSuccessCoarse(tick + 500);
        bool beforeStart = window.TryRecordSuccessCoarse(tick - 1);
        bool nearEnd = window.TryRecordSuccessCoarse(tick + 990);
        bool afterEnd = window.TryRecordSuccessCoarse(tick + 1_500);

        // Assert: only the tick well inside the bucket is counted there; the others fall back to the precise path.
        Assert.True(inside);
        Assert.False(beforeStart);
        Assert.False(nearEnd);
        Assert.False(afterEnd);
        Assert.Equal((2, 1), window.Sum(TimeProvider.System.GetTimestamp()));
    }

    [Fact]
    public void TryRecordSuccessCoarse_AnyOtherTimeProvider_NeverTakesTheCoarsePath()
    {
        // Arrange
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var window = new SamplingWindow(time, TimeSpan.FromSeconds(10).Ticks, coarseClock: false);
        window.RecordLocked(time.GetTimestamp(), success: true);

        // Act
        bool counted = window.TryRecordSuccessCoarse(Environment.TickCount64);

        // Assert
        Assert.False(counted);
        Assert.Equal((1, 0), window.Sum(time.GetTimestamp()));
    }
}

using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Tests.CircuitBreaking;

// The system clock takes a coarse-tick fast path for open rejections; these tests pin what it must keep.
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
        breaker.RecordFailure(probe);
        long openedAt = TimeProvider.System.GetTimestamp();
        Assert.False(breaker.TryAcquire(out _));

        // Act: ask until a probe is admitted.
        CircuitBreakerPermit admitted;
        while (!breaker.TryAcquire(out admitted))
        {
            Assert.True(TimeProvider.System.GetElapsedTime(openedAt) < WaitLimit, "The breaker never admitted a probe.");
            Thread.Yield();
        }

        // Assert: never before the break ended.
        Assert.True(TimeProvider.System.GetElapsedTime(openedAt) >= breakDuration - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        breaker.RecordSuccess(admitted);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }
}

using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessWakeSignalTests
{
    [Fact]
    public async Task Set_WhileArmed_CompletesTheWait()
    {
        // Arrange
        var signal = new InProcessWakeSignal();
        signal.Arm();
        ValueTask wait = signal.WaitAsync();

        // Act
        signal.Set();

        // Assert
        await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Set_NotArmed_IsLostSoTheNextArmedWaitStaysPending()
    {
        // Arrange
        var signal = new InProcessWakeSignal();
        signal.Set();

        // Act
        signal.Arm();
        ValueTask wait = signal.WaitAsync();

        // Assert: a wake-up with nobody armed is not remembered (the consumer looks for work after arming).
        Assert.False(wait.IsCompleted);
        signal.Set();
    }

    [Fact]
    public void Disarm_NoSetFired_ReturnsFalse()
    {
        var signal = new InProcessWakeSignal();
        signal.Arm();

        Assert.False(signal.Disarm());
    }

    [Fact]
    public async Task Disarm_SetAlreadyFired_ReturnsTrueAndTheWaitIsComplete()
    {
        // Arrange
        var signal = new InProcessWakeSignal();
        signal.Arm();
        signal.Set();

        // Act
        bool fired = signal.Disarm();

        // Assert: the fired wake-up must be consumed before the signal is armed again.
        Assert.True(fired);
        await signal.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ArmAgain_AfterACompletedWait_WaitsForTheNextSet()
    {
        // Arrange
        var signal = new InProcessWakeSignal();
        signal.Arm();
        signal.Set();
        await signal.WaitAsync();

        // Act
        signal.Arm();
        ValueTask second = signal.WaitAsync();
        bool pendingBeforeSet = !second.IsCompleted;
        signal.Set();

        // Assert
        Assert.True(pendingBeforeSet);
        await second.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}

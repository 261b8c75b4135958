using FsCheck.Xunit;
using Tx.EventStore.Snapshots;

namespace Tx.EventStore.Tests.Snapshots;

public sealed class SnapshotOptionsTests
{
    [Fact]
    public void ShouldSnapshot_Default_WhenAMultipleOfTheIntervalIsCrossed()
    {
        var options = new SnapshotOptions();

        Assert.False(options.ShouldSnapshot(new SnapshotDecisionContext("s", 0, 999, 0)));
        Assert.True(options.ShouldSnapshot(new SnapshotDecisionContext("s", 999, 1000, 0)));
        Assert.True(options.ShouldSnapshot(new SnapshotDecisionContext("s", 990, 1010, 0)));
        Assert.False(options.ShouldSnapshot(new SnapshotDecisionContext("s", 1000, 1999, 1000)));
    }

    [Fact]
    public void ShouldSnapshot_Disabled_Never()
    {
        var options = new SnapshotOptions { Enabled = false, ShouldTakeSnapshot = _ => true };

        Assert.False(options.ShouldSnapshot(new SnapshotDecisionContext("s", 999, 1000, 0)));
    }

    [Property(MaxTest = 200)]
    public bool ShouldSnapshot_OneEventAtATime_ExactlyOncePerInterval(ushort intervalSeed, ushort eventsSeed)
    {
        int interval = 1 + (intervalSeed % 50);
        int events = eventsSeed % 500;
        var options = new SnapshotOptions { Interval = interval };
        int snapshots = Enumerable.Range(1, events).Count(v => options.ShouldSnapshot(new SnapshotDecisionContext("s", v - 1, v, 0)));
        return snapshots == events / interval;
    }
}

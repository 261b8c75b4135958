using FsCheck.Xunit;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests.Streams;

public sealed class ExpectedVersionTests
{
    [Fact]
    public void WellKnownValues_HaveTheirMeaning()
    {
        Assert.True(ExpectedVersion.Any.IsAny);
        Assert.Equal(0, ExpectedVersion.NoStream.Value);
        Assert.Equal(ExpectedVersion.NoStream, ExpectedVersion.Exact(0));
        Assert.Equal("any", ExpectedVersion.Any.ToString());
        Assert.Equal("no stream", ExpectedVersion.NoStream.ToString());
        Assert.Equal("7", ExpectedVersion.Exact(7).ToString());
        Assert.NotEqual(ExpectedVersion.Any, ExpectedVersion.NoStream);
    }

    [Fact]
    public void Exact_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedVersion.Exact(-1));

    [Property(MaxTest = 200)]
    public bool IsSatisfiedBy_Exact_OnlyForThatVersion(uint expected, uint current) =>
        ExpectedVersion.Exact(expected).IsSatisfiedBy(current) == (expected == current)
        && ExpectedVersion.Any.IsSatisfiedBy(current);
}

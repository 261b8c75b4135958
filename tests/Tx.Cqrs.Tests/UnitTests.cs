namespace Tx.Cqrs.Tests;

public sealed class UnitTests
{
    [Fact]
    public async Task Value_EqualsEveryUnit()
    {
        Unit fromTask = await Unit.Task;

        Assert.Equal(Unit.Value, fromTask);
        Assert.True(Unit.Value == default);
        Assert.False(Unit.Value != default);
        Assert.True(Unit.Value.Equals((object)default(Unit)));
        Assert.Equal(0, Unit.Value.GetHashCode());
        Assert.Equal("()", Unit.Value.ToString());
    }
}

using Tx.EventStore.Serialization;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests.Serialization;

public sealed class EventTypeMapTests
{
    private sealed record A(int X);

    private sealed record B(int Y);

    [Fact]
    public void Ctor_KnowsTheTombstone()
    {
        var map = new EventTypeMap();

        Assert.True(map.TryGetRegistration(StreamDeleted.TypeName, out var registration));
        Assert.Equal(typeof(StreamDeleted), registration.ClrType);
    }

    [Fact]
    public void Add_SameNameForAnotherType_Throws()
    {
        var map = new EventTypeMap().Add<A>("Thing");

        var ex = Assert.Throws<ArgumentException>(() => map.Add<B>("Thing"));

        Assert.Contains("Thing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SecondNameForAType_Throws() =>
        Assert.Throws<ArgumentException>(() => new EventTypeMap().Add<A>("One").Add<A>("Two"));

    [Fact]
    public void Add_SameRegistrationTwice_IsAllowed()
    {
        var map = new EventTypeMap().Add<A>("One").Add<A>("One", 2);

        Assert.True(map.TryGetRegistration(typeof(A), out var registration));
        Assert.Equal(2, registration.SchemaVersion);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Add_EmptyName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new EventTypeMap().Add<A>(name));

    [Fact]
    public void Add_TooLongNameOrBadVersion_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EventTypeMap().Add<A>(new string('n', EventStoreLimits.MaxTypeNameLength + 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventTypeMap().Add<A>("A", 0));
    }
}

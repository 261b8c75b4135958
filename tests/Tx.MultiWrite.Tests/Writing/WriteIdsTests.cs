using FsCheck.Xunit;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.Writing;

public sealed class WriteIdsTests
{
    [Property(MaxTest = 300)]
    public bool MinAtMaxAt_BoundEveryIdCreatedAtThatTime(uint seconds, ushort millis)
    {
        DateTimeOffset time = DateTimeOffset.FromUnixTimeMilliseconds(1 + (seconds * 1000L) + (millis % 1000));
        string id = Guid.CreateVersion7(time).ToString("D");

        return string.CompareOrdinal(WriteIds.MinAt(time).ToString("D"), id) <= 0
            && string.CompareOrdinal(id, WriteIds.MaxAt(time).ToString("D")) <= 0
            && string.CompareOrdinal(WriteIds.MaxAt(time.AddMilliseconds(-1)).ToString("D"), id) < 0
            && WriteIds.GetTimestamp(Guid.Parse(id)) == time;
    }

    [Fact]
    public void New_UsesTheTimeProvidersClock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 2, 3, 4, 5, 6, 789, TimeSpan.Zero));

        Guid id = WriteIds.New(time);

        Assert.Equal(7, id.Version);
        Assert.Equal(time.GetUtcNow(), WriteIds.GetTimestamp(id));
        Assert.Equal(id.ToString("D"), WriteIds.ToKey(id));
    }
}

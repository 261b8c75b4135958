using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessHeadersTests
{
    [Fact]
    public void Lookups_Headers_FindNamesValuesAndKeepOrder()
    {
        var headers = new InProcessHeaders([new("eventType", "Created"), new("aggregateId", "a-1")]);

        Assert.Equal("Created", headers[MessageHeaderNames.EventType]);
        Assert.True(headers.ContainsKey(MessageHeaderNames.AggregateId));
        Assert.False(headers.TryGetValue("missing", out _));
        Assert.Equal(["eventType", "aggregateId"], headers.Keys);
        Assert.Equal(["Created", "a-1"], headers.Values);
    }

    [Fact]
    public void Indexer_MissingHeader_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => InProcessHeaders.Empty["eventType"]);
    }
}

using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessHeadersTests
{
    [Fact]
    public void Lookups_DecodedHeaders_FindNamesValuesAndKeepOrder()
    {
        var headers = new InProcessHeaders([new("eventType", "Created"), new("aggregateId", "a-1")]);

        Assert.Equal("Created", headers[MessageHeaderNames.EventType]);
        Assert.True(headers.ContainsKey(MessageHeaderNames.AggregateId));
        Assert.False(headers.TryGetValue("missing", out _));
        Assert.Equal(["eventType", "aggregateId"], headers.Keys);
        Assert.Equal(["Created", "a-1"], headers.Values);
    }

    [Fact]
    public void TryGetValue_EncodedHeaders_FindsEachValueWithoutEnumerating()
    {
        IReadOnlyDictionary<string, string> headers = Encoded(new MessageHeaders { EventType = "Created", AggregateId = "a-1" }.Set("größe", "ü").Set("empty", string.Empty));

        Assert.Equal("a-1", headers[MessageHeaderNames.AggregateId]);
        Assert.Equal("Created", headers[MessageHeaderNames.EventType]);
        Assert.Equal("ü", headers["größe"]);
        Assert.Equal(string.Empty, headers["empty"]);
        Assert.False(headers.ContainsKey("eventtype"));
        Assert.False(headers.TryGetValue("missing", out _));
        Assert.Equal(4, headers.Count);
    }

    [Fact]
    public void Enumerate_EncodedHeaders_DecodesAllInOrderAndLookupsStillWork()
    {
        var source = new MessageHeaders { EventType = "Created", CorrelationId = "c-1" };
        IReadOnlyDictionary<string, string> headers = Encoded(source);

        Assert.Equal([.. source], [.. headers]);
        Assert.Equal(["eventType", "correlationId"], headers.Keys);
        Assert.Equal("c-1", headers[MessageHeaderNames.CorrelationId]);
    }

    [Fact]
    public void Indexer_MissingHeader_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => InProcessHeaders.Empty["eventType"]);
        Assert.Throws<KeyNotFoundException>(() => Encoded(new MessageHeaders { EventType = "x" })["aggregateId"]);
    }

    private static IReadOnlyDictionary<string, string> Encoded(MessageHeaders headers)
    {
        byte[] buffer = new byte[InProcessRecordCodec.GetMaxLength("k", 3, headers, null)];
        InProcessEntry entry = InProcessRecordCodec.Encode("k", [1, 2, 3], headers, null, 0, buffer);
        ConsumedMessage message = InProcessRecordCodec.Decode("t", 0, 0, entry, buffer);
        Assert.IsType<InProcessHeaders>(message.Headers);
        return message.Headers;
    }
}

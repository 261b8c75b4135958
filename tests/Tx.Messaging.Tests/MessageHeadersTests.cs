namespace Tx.Messaging.Tests;

public class MessageHeadersTests
{
    [Fact]
    public void Set_SameNameTwice_ReplacesValueAndKeepsOrder()
    {
        var headers = new MessageHeaders().Set("a", "1").Set("b", "2").Set("a", "3");

        Assert.Equal(["a", "b"], headers.Keys);
        Assert.Equal("3", headers["a"]);
        Assert.Equal(2, headers.Count);
    }

    [Fact]
    public void WellKnownProperties_SetAndCleared_MapToGuideHeaderNames()
    {
        var headers = new MessageHeaders { EventType = "TransactionCompleted", AggregateId = "txn_123", EventVersion = "5", CorrelationId = "c" };

        Assert.Equal("TransactionCompleted", headers["eventType"]);
        Assert.Equal("txn_123", headers["aggregateId"]);
        Assert.Equal("5", headers["eventVersion"]);
        Assert.Equal("c", headers["correlationId"]);

        headers.EventType = null;

        Assert.False(headers.ContainsKey("eventType"));
        Assert.Null(headers.EventType);
    }

    [Fact]
    public void Indexer_MissingHeader_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => new MessageHeaders()["missing"]);
    }

    [Fact]
    public void Ctor_Copy_IsIndependentOfSource()
    {
        var source = new MessageHeaders { EventType = "A" };
        var copy = new MessageHeaders(source);

        source.EventType = "B";

        Assert.Equal("A", copy.EventType);
    }
}

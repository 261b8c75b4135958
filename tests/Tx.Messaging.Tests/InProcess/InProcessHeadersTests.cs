using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessHeadersTests
{
    [Fact]
    public void Copy_NoHeadersNoTrace_ReturnsTheSharedEmptyInstance()
    {
        Assert.Same(InProcessHeaders.Empty, InProcessHeaders.Copy([], traceParent: null));
    }

    [Fact]
    public void Copy_Headers_KeepsNamesValuesAndOrder()
    {
        var headers = new MessageHeaders { EventType = "Created", AggregateId = "a-1" };

        InProcessHeaders copy = InProcessHeaders.Copy(headers, traceParent: null);

        Assert.Equal([.. headers], [.. copy]);
        Assert.Equal("Created", copy[MessageHeaderNames.EventType]);
        Assert.True(copy.ContainsKey(MessageHeaderNames.AggregateId));
        Assert.False(copy.TryGetValue("missing", out _));
    }

    [Fact]
    public void Copy_CallerChangesHeadersAfterwards_CopyUnchanged()
    {
        var headers = new MessageHeaders { EventType = "Created" };
        InProcessHeaders copy = InProcessHeaders.Copy(headers, traceParent: null);

        headers.EventType = "Changed";
        headers.Set("extra", "x");

        Assert.Equal("Created", copy[MessageHeaderNames.EventType]);
        Assert.Single(copy);
    }

    [Fact]
    public void Copy_WithTraceParent_AppendsIt()
    {
        var headers = new MessageHeaders { EventType = "Created" };

        InProcessHeaders copy = InProcessHeaders.Copy(headers, "00-trace-span-01");

        Assert.Equal(2, copy.Count);
        Assert.Equal("00-trace-span-01", copy["traceparent"]);
    }

    [Fact]
    public void Copy_TraceParentAlreadyPresent_ReplacesItInPlace()
    {
        var headers = new MessageHeaders { EventType = "Created" }.Set("traceparent", "old");

        InProcessHeaders copy = InProcessHeaders.Copy(headers, "new");

        Assert.Equal(2, copy.Count);
        Assert.Equal("new", copy["traceparent"]);
        Assert.Equal(["eventType", "traceparent"], copy.Keys);
    }

    [Fact]
    public void Indexer_MissingHeader_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => InProcessHeaders.Empty["eventType"]);
    }
}

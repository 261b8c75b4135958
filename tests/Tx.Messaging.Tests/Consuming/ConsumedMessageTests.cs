using System.Text;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.Consuming;

public sealed class ConsumedMessageTests
{
    [Fact]
    public void Headers_PublicConstructor_AreTheGivenDictionary()
    {
        var headers = new Dictionary<string, string> { ["eventType"] = "Created" };

        var message = new ConsumedMessage("t", 0, 1, "k", new byte[] { 1 }, headers, DateTimeOffset.UnixEpoch);

        Assert.Same(headers, message.Headers);
    }

    [Fact]
    public void Headers_InProcessRecord_DecodedOnFirstReadThenTheSameView()
    {
        // Arrange: an encoded record (value then headers) as the in-process transport keeps it.
        var headers = new MessageHeaders { EventType = "Created", CorrelationId = "c-1" };
        byte[] record = new byte[InProcessRecordCodec.GetMaxLength(null, 2, headers, null)];
        InProcessEntry entry = InProcessRecordCodec.Encode(null, [7, 8], headers, null, 0, record);
        byte[] payload = record.AsSpan(0, entry.ValueLength + entry.HeadersLength).ToArray();

        // Act
        var message = new ConsumedMessage("t", 0, 1, null, payload, entry.ValueLength, entry.HeadersLength, entry.HeaderCount, DateTimeOffset.UnixEpoch);
        IReadOnlyDictionary<string, string> first = message.Headers;
        IReadOnlyDictionary<string, string> second = message.Headers;

        // Assert
        Assert.Same(first, second);
        Assert.Equal([7, 8], message.Value.ToArray());
        Assert.Equal(
            [new("eventType", "Created"), new("correlationId", "c-1")],
            first.ToArray());
    }

    [Fact]
    public void Headers_InProcessRecordWithoutHeaders_Empty()
    {
        byte[] payload = Encoding.UTF8.GetBytes("v");

        var message = new ConsumedMessage("t", 0, 1, "k", payload, payload.Length, 0, 0, DateTimeOffset.UnixEpoch);

        Assert.Empty(message.Headers);
        Assert.Equal("v", Encoding.UTF8.GetString(message.Value.Span));
    }

    [Fact]
    public async Task Headers_ReadConcurrently_EveryReaderGetsTheSameView()
    {
        var headers = new MessageHeaders { EventType = "Created" };
        byte[] record = new byte[InProcessRecordCodec.GetMaxLength(null, 0, headers, null)];
        InProcessEntry entry = InProcessRecordCodec.Encode(null, [], headers, null, 0, record);
        var message = new ConsumedMessage("t", 0, 1, null, record, 0, entry.HeadersLength, entry.HeaderCount, DateTimeOffset.UnixEpoch);

        IReadOnlyDictionary<string, string>[] views = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => message.Headers)));

        Assert.All(views, v => Assert.Same(views[0], v));
        Assert.Equal("Created", views[0]["eventType"]);
    }
}

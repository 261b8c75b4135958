using Tx.Messaging.Consuming;
using Tx.Messaging.DeadLettering;
using Tx.Messaging.Producing;

namespace Tx.Messaging.Tests.DeadLettering;

public class DeadLetterMessageTests
{
    [Fact]
    public void Create_FailedMessage_KeepsKeyValueHeadersAndAddsErrorHeaders()
    {
        var message = new ConsumedMessage("failed-writes", 2, 99, "w_1", new byte[] { 1, 2 }, new MessageHeaders { EventType = "WriteFailed" }, DateTimeOffset.UnixEpoch) { Attempt = 4 };

        OutgoingMessage letter = DeadLetterMessage.Create(message, new TimeoutException("mongo timed out"));

        Assert.Equal("w_1", letter.Key);
        Assert.Equal(new byte[] { 1, 2 }, letter.Value.ToArray());
        Assert.Equal("WriteFailed", letter.Headers.EventType);
        Assert.Equal("mongo timed out", letter.Headers[MessageHeaderNames.Error]);
        Assert.Equal("System.TimeoutException", letter.Headers[MessageHeaderNames.ErrorType]);
        Assert.Equal("failed-writes", letter.Headers[MessageHeaderNames.OriginalTopic]);
        Assert.Equal("2", letter.Headers[MessageHeaderNames.OriginalPartition]);
        Assert.Equal("99", letter.Headers[MessageHeaderNames.OriginalOffset]);
        Assert.Equal("4", letter.Headers[MessageHeaderNames.Attempts]);
    }
}

using System.Globalization;
using Tx.Messaging.Consuming;
using Tx.Messaging.Producing;

namespace Tx.Messaging.DeadLettering;

/// <summary>Builds the dead letter of a consumed message: same key, value and headers, plus the error headers.</summary>
internal static class DeadLetterMessage
{
    public static OutgoingMessage Create(ConsumedMessage message, Exception error)
    {
        var headers = new MessageHeaders(message.Headers)
            .Set(MessageHeaderNames.Error, error.Message)
            .Set(MessageHeaderNames.ErrorType, error.GetType().FullName ?? error.GetType().Name)
            .Set(MessageHeaderNames.OriginalTopic, message.Topic)
            .Set(MessageHeaderNames.OriginalPartition, message.Partition.ToString(CultureInfo.InvariantCulture))
            .Set(MessageHeaderNames.OriginalOffset, message.Offset.ToString(CultureInfo.InvariantCulture))
            .Set(MessageHeaderNames.Attempts, message.Attempt.ToString(CultureInfo.InvariantCulture));
        return new OutgoingMessage(message.Key, message.Value, headers);
    }
}

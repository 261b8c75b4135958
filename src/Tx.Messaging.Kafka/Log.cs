using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Tx.Messaging.Kafka;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, Message = "librdkafka {Client} [{Facility}]: {Text}")]
    public static partial void ClientLog(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(101, LogLevel.Warning, "Kafka client error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(102, LogLevel.Critical, "Fatal Kafka client error {Code}: {Reason}")]
    public static partial void ClientFatalError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(103, LogLevel.Error, "Kafka producer disposed with {Count} message(s) still undelivered after flushing for {Timeout}.")]
    public static partial void FlushIncomplete(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(104, LogLevel.Information, "Group {Group} assigned {Partitions}.")]
    public static partial void PartitionsAssigned(ILogger logger, string group, string partitions);

    [LoggerMessage(105, LogLevel.Information, "Group {Group} revoked {Partitions}; stored offsets committed.")]
    public static partial void PartitionsRevoked(ILogger logger, string group, string partitions);

    [LoggerMessage(106, LogLevel.Warning, "Group {Group} lost {Partitions}; their uncommitted messages will be delivered again.")]
    public static partial void PartitionsLost(ILogger logger, string group, string partitions);

    [LoggerMessage(107, LogLevel.Warning, "Committing offsets of group {Group} failed: {Reason}")]
    public static partial void CommitFailed(ILogger logger, string group, string reason);

    [LoggerMessage(108, LogLevel.Warning, "Storing the offset of {Topic}[{Partition}]@{Offset} in group {Group} failed ({Reason}); the message will be delivered again.")]
    public static partial void StoreOffsetFailed(ILogger logger, string topic, int partition, long offset, string group, string reason);
}

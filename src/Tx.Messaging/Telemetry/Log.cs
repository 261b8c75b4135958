using Microsoft.Extensions.Logging;

namespace Tx.Messaging.Telemetry;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Consumer group {Group} started on topics {Topics}.")]
    public static partial void ConsumerStarted(ILogger logger, string group, string topics);

    [LoggerMessage(2, LogLevel.Information, "Consumer group {Group} stopped.")]
    public static partial void ConsumerStopped(ILogger logger, string group);

    [LoggerMessage(3, LogLevel.Warning, "Handler for {Topic}[{Partition}]@{Offset} in group {Group} failed (attempt {Attempt}); retrying in {Delay}.")]
    public static partial void HandlerRetrying(ILogger logger, Exception exception, string topic, int partition, long offset, string group, int attempt, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Error, "Message {Topic}[{Partition}]@{Offset} in group {Group} sent to dead-letter topic {DeadLetterTopic} after {Attempts} attempt(s).")]
    public static partial void DeadLettered(ILogger logger, Exception exception, string topic, int partition, long offset, string group, string deadLetterTopic, int attempts);

    [LoggerMessage(5, LogLevel.Error, "Dead-lettering {Topic}[{Partition}]@{Offset} in group {Group} failed; retrying in {Delay}.")]
    public static partial void DeadLetterFailed(ILogger logger, Exception exception, string topic, int partition, long offset, string group, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "Handler for {Topic}[{Partition}]@{Offset} in group {Group} exceeded its budget of {Budget}; it was cancelled and abandoned.")]
    public static partial void HandlerTimedOut(ILogger logger, string topic, int partition, long offset, string group, TimeSpan budget);

    [LoggerMessage(7, LogLevel.Error, "Consumer group {Group} failed to receive a message; retrying in {Delay}.")]
    public static partial void ConsumeFailed(ILogger logger, Exception exception, string group, TimeSpan delay);

    [LoggerMessage(8, LogLevel.Warning, "Could not ensure dead-letter topic {Topic} exists.")]
    public static partial void EnsureDeadLetterTopicFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(9, LogLevel.Warning, "In-process partition {Topic}[{Partition}] was trimmed past offset {Position} before group {Group} consumed it; continuing at {Start}.")]
    public static partial void InProcessSkipped(ILogger logger, string topic, int partition, long position, string group, long start);
}

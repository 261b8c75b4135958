using Microsoft.Extensions.Logging;

namespace Tx.EventStore.Telemetry;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Subscription '{Subscription}' starting after position {Position}.")]
    public static partial void SubscriptionStarting(ILogger logger, string subscription, long position);

    [LoggerMessage(2, LogLevel.Error, "Subscription '{Subscription}' handler failed on positions {First}..{Last}; retrying in {Delay}.")]
    public static partial void SubscriptionHandlerFailed(ILogger logger, Exception exception, string subscription, long first, long last, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "Snapshot of stream '{StreamId}' at version {Version} failed; the events are stored, loading falls back to the previous snapshot.")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string streamId, long version);

    [LoggerMessage(4, LogLevel.Debug, "Retention removed {Count} events from stream '{StreamId}'.")]
    public static partial void RetentionApplied(ILogger logger, string streamId, long count);

    [LoggerMessage(5, LogLevel.Warning, "Snapshot of stream '{StreamId}' could not be read and is ignored.")]
    public static partial void SnapshotUnreadable(ILogger logger, Exception exception, string streamId);
}

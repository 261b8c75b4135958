using Microsoft.Extensions.Logging;

namespace Tx.Cqrs.Telemetry;

/// <summary>Source-generated log messages of the package.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Handling {MessageKind} {MessageType}")]
    public static partial void Handling(ILogger logger, string messageKind, string messageType);

    [LoggerMessage(2, LogLevel.Information, "Handled {MessageKind} {MessageType} in {ElapsedMilliseconds:0.###} ms")]
    public static partial void Handled(ILogger logger, string messageKind, string messageType, double elapsedMilliseconds);

    [LoggerMessage(3, LogLevel.Warning, "Handled {MessageKind} {MessageType} in {ElapsedMilliseconds:0.###} ms, slower than the threshold of {ThresholdMilliseconds} ms")]
    public static partial void HandledSlowly(ILogger logger, string messageKind, string messageType, double elapsedMilliseconds, double thresholdMilliseconds);

    [LoggerMessage(4, LogLevel.Error, "Failed {MessageKind} {MessageType} after {ElapsedMilliseconds:0.###} ms")]
    public static partial void Failed(ILogger logger, Exception exception, string messageKind, string messageType, double elapsedMilliseconds);

    [LoggerMessage(5, LogLevel.Information, "Cancelled {MessageKind} {MessageType} after {ElapsedMilliseconds:0.###} ms")]
    public static partial void Cancelled(ILogger logger, string messageKind, string messageType, double elapsedMilliseconds);

    [LoggerMessage(6, LogLevel.Error, "Command-executed observer {ObserverType} threw for {MessageType}")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observerType, string messageType);

    [LoggerMessage(7, LogLevel.Error, "Audit sink {SinkType} failed to record command {MessageType}")]
    public static partial void AuditSinkFailed(ILogger logger, Exception exception, string sinkType, string messageType);

    [LoggerMessage(8, LogLevel.Information, "Validation failed for {MessageKind} {MessageType}: {ErrorCount} error(s)")]
    public static partial void ValidationFailed(ILogger logger, string messageKind, string messageType, int errorCount);
}

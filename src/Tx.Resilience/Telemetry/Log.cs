using Microsoft.Extensions.Logging;

namespace Tx.Resilience.Telemetry;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Circuit breaker '{BreakerName}' changed from {PreviousState} to {NewState}; break duration {BreakDuration}.", EventName = "CircuitOpened")]
    public static partial void CircuitOpened(ILogger logger, string breakerName, string previousState, string newState, TimeSpan? breakDuration);

    [LoggerMessage(2, LogLevel.Information, "Circuit breaker '{BreakerName}' changed from {PreviousState} to {NewState}.", EventName = "CircuitStateChanged")]
    public static partial void CircuitStateChanged(ILogger logger, string breakerName, string previousState, string newState);

    [LoggerMessage(3, LogLevel.Warning, "A resilience callback threw.", EventName = "CallbackFailed")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Retry '{RetryName}' attempt {Attempt} in {Delay} after {ExceptionType}.", EventName = "RetryScheduled")]
    public static partial void RetryScheduled(ILogger logger, string retryName, int attempt, TimeSpan delay, string exceptionType);

    [LoggerMessage(5, LogLevel.Warning, "Bulkhead '{BulkheadName}' rejected a call: {Reason}.", EventName = "BulkheadRejected")]
    public static partial void BulkheadRejected(ILogger logger, string bulkheadName, string reason);
}

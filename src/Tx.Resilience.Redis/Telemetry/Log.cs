using Microsoft.Extensions.Logging;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Telemetry;

/// <summary>The Redis limiter's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Rate limiter {Limiter}: Redis failed ({ErrorType}); {Policy} decides this request.")]
    public static partial void RedisFailed(ILogger logger, string limiter, string errorType, RedisFailurePolicy policy, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Rate limiter {Limiter}: circuit to Redis opened for {BreakDuration}; {Policy} decides until a probe reaches Redis again.")]
    public static partial void CircuitOpened(ILogger logger, string limiter, TimeSpan? breakDuration, RedisFailurePolicy policy);

    [LoggerMessage(3, LogLevel.Information, "Rate limiter {Limiter}: Redis is reachable again; decisions are distributed again.")]
    public static partial void CircuitClosed(ILogger logger, string limiter);

    [LoggerMessage(4, LogLevel.Information, "Rate limiter {Limiter}: the server had lost the script (NOSCRIPT); it was loaded again.")]
    public static partial void ScriptReloaded(ILogger logger, string limiter);

    [LoggerMessage(5, LogLevel.Warning, "Embedded Garnet: the native packed-log procedure could not be registered; packed-log limits run the Lua script in process instead.")]
    public static partial void NativePackedLogUnavailable(ILogger logger, Exception exception);
}

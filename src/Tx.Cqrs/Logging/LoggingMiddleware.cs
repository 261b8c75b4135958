using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.Cqrs.Pipeline;
using Tx.Cqrs.Telemetry;

namespace Tx.Cqrs.Logging;

/// <summary>
/// Logs each message: start at debug level, completion with its duration at information level (warning
/// above <see cref="TxCqrsOptions.SlowDispatchThreshold"/>), failure with the exception at error level.
/// </summary>
internal sealed class LoggingMiddleware<TMessage, TResult> : IMessageMiddleware<TMessage, TResult>, IOptionalMiddleware
    where TMessage : class
{
    public const string CategoryName = "Tx.Cqrs.Logging";

    private static readonly string s_messageType = typeof(TMessage).Name;

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _slowThreshold;

    public LoggingMiddleware(TimeProvider timeProvider, IOptions<TxCqrsOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _slowThreshold = options.Value.SlowDispatchThreshold;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(CategoryName);
        IsActive = loggerFactory is not null and not NullLoggerFactory;
    }

    public bool IsActive { get; }

    public ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next)
    {
        ArgumentNullException.ThrowIfNull(next);

        // Levels can change at run time (configuration reload), so this is checked per call.
        return _logger.IsEnabled(LogLevel.Error) ? InvokeLoggedAsync(message, context, next) : next(message, context);
    }

    private async ValueTask<TResult> InvokeLoggedAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next)
    {
        string kind = context.Kind == MessageKind.Command ? CqrsTelemetry.Command : CqrsTelemetry.Query;
        Log.Handling(_logger, kind, s_messageType);
        long started = _timeProvider.GetTimestamp();
        try
        {
            TResult result = await next(message, context).ConfigureAwait(false);
            TimeSpan elapsed = _timeProvider.GetElapsedTime(started);
            if (elapsed > _slowThreshold)
            {
                Log.HandledSlowly(_logger, kind, s_messageType, elapsed.TotalMilliseconds, _slowThreshold.TotalMilliseconds);
            }
            else
            {
                Log.Handled(_logger, kind, s_messageType, elapsed.TotalMilliseconds);
            }

            return result;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            Log.Cancelled(_logger, kind, s_messageType, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception exception)
        {
            Log.Failed(_logger, exception, kind, s_messageType, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

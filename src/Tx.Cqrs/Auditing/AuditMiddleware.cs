using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Pipeline;
using Tx.Cqrs.Telemetry;

namespace Tx.Cqrs.Auditing;

/// <summary>
/// Hands each executed command, with its outcome, to every <see cref="IAuditSink"/>. A failing sink is
/// logged and does not change the outcome of a command that has already run.
/// </summary>
internal sealed class AuditMiddleware<TCommand, TResult> : IMessageMiddleware<TCommand, TResult>
    where TCommand : class, ICommand<TResult>
{
    private static readonly string s_commandType = typeof(TCommand).FullName ?? typeof(TCommand).Name;

    private readonly IAuditSink[] _sinks;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public AuditMiddleware(IEnumerable<IAuditSink> sinks, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sinks = sinks.ToArray();
        _timeProvider = timeProvider;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LoggingCategory);
    }

    public static string LoggingCategory => "Tx.Cqrs.Auditing";

    public async ValueTask<TResult> InvokeAsync(TCommand message, MessageContext context, MessageHandlerDelegate<TCommand, TResult> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        DateTimeOffset startedAt = _timeProvider.GetUtcNow();
        long started = _timeProvider.GetTimestamp();
        TResult result;
        try
        {
            result = await next(message, context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await WriteAsync(new AuditRecord(message, startedAt, _timeProvider.GetElapsedTime(started), null, exception)).ConfigureAwait(false);
            throw;
        }

        await WriteAsync(new AuditRecord(message, startedAt, _timeProvider.GetElapsedTime(started), result, null)).ConfigureAwait(false);
        return result;
    }

    private async ValueTask WriteAsync(AuditRecord record)
    {
        foreach (IAuditSink sink in _sinks)
        {
            try
            {
                await sink.WriteAsync(record, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The command has run; a sink failure must not turn its success into an error.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.AuditSinkFailed(_logger, exception, sink.GetType().FullName ?? sink.GetType().Name, s_commandType);
            }
        }
    }
}

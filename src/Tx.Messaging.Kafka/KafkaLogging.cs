using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Tx.Messaging.Kafka;

/// <summary>Routes librdkafka's log lines and errors to <see cref="ILogger"/> (librdkafka would write them to stderr).</summary>
internal static class KafkaLogging
{
    public static void OnLog(ILogger logger, LogMessage message)
    {
        LogLevel level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        if (logger.IsEnabled(level))
        {
            Log.ClientLog(logger, level, message.Name, message.Facility, message.Message);
        }
    }

    public static void OnError(ILogger logger, Error error)
    {
        if (error.IsFatal)
        {
            Log.ClientFatalError(logger, error.Code, error.Reason);
        }
        else
        {
            Log.ClientError(logger, error.Code, error.Reason);
        }
    }
}

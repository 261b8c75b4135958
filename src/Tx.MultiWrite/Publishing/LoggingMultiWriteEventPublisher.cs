using Microsoft.Extensions.Logging;
using Tx.MultiWrite.Telemetry;

namespace Tx.MultiWrite.Publishing;

/// <summary>The default publisher when no transport is configured: it logs the events.</summary>
internal sealed class LoggingMultiWriteEventPublisher(ILogger<LoggingMultiWriteEventPublisher> logger) : IMultiWriteEventPublisher
{
    public ValueTask PublishFailedWriteAsync(FailedWriteEvent failedWrite, CancellationToken cancellationToken)
    {
        Log.FailedWritePublished(logger, failedWrite.WriteId, failedWrite.Database, failedWrite.Error);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishCompensationRequiredAsync(CompensationRequiredEvent compensation, CancellationToken cancellationToken)
    {
        Log.CompensationPublished(logger, compensation.WriteId, compensation.FailedDatabase);
        return ValueTask.CompletedTask;
    }
}

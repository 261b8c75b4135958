using Microsoft.Extensions.Logging;
using Tx.MultiWrite.Telemetry;

namespace Tx.MultiWrite.Publishing;

/// <summary>Publishes without failing the caller: the ledger is the source of truth, the events are notifications.</summary>
internal sealed class EventDispatcher(IMultiWriteEventPublisher publisher, ILogger<EventDispatcher> logger)
{
    public async Task FailedWriteAsync(FailedWriteEvent failedWrite)
    {
        try
        {
            await publisher.PublishFailedWriteAsync(failedWrite, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.PublishFailed(logger, ex, failedWrite.WriteId);
        }
    }

    public async Task CompensationRequiredAsync(CompensationRequiredEvent compensation)
    {
        try
        {
            await publisher.PublishCompensationRequiredAsync(compensation, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.PublishFailed(logger, ex, compensation.WriteId);
        }
    }
}

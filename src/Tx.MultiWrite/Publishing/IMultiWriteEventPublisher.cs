namespace Tx.MultiWrite.Publishing;

/// <summary>
/// Publishes failed legs to <c>failed-writes</c> and compensations to <c>compensation-events</c>. The ledger,
/// not these events, is the source of truth: a lost event loses no write.
/// </summary>
public interface IMultiWriteEventPublisher
{
    /// <summary>Publishes a failed leg attempt.</summary>
    /// <param name="failedWrite">The event.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the event is handed to the transport.</returns>
    ValueTask PublishFailedWriteAsync(FailedWriteEvent failedWrite, CancellationToken cancellationToken);

    /// <summary>Publishes a compensation.</summary>
    /// <param name="compensation">The event.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the event is handed to the transport.</returns>
    ValueTask PublishCompensationRequiredAsync(CompensationRequiredEvent compensation, CancellationToken cancellationToken);
}

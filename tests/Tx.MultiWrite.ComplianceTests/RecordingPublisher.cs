using System.Collections.Concurrent;
using Tx.MultiWrite.Publishing;

namespace Tx.MultiWrite.ComplianceTests;

/// <summary>Captures what would go to <c>failed-writes</c> and <c>compensation-events</c>.</summary>
public sealed class RecordingPublisher : IMultiWriteEventPublisher
{
    public ConcurrentQueue<FailedWriteEvent> FailedWrites { get; } = new();

    public ConcurrentQueue<CompensationRequiredEvent> Compensations { get; } = new();

    public ValueTask PublishFailedWriteAsync(FailedWriteEvent failedWrite, CancellationToken cancellationToken)
    {
        FailedWrites.Enqueue(failedWrite);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishCompensationRequiredAsync(CompensationRequiredEvent compensation, CancellationToken cancellationToken)
    {
        Compensations.Enqueue(compensation);
        return ValueTask.CompletedTask;
    }
}

namespace Tx.Resilience.Bulkheads;

/// <summary>Thrown when a bulkhead refuses a call: its queue is full, or the call waited longer than the queue timeout.</summary>
public sealed class BulkheadRejectedException : ExecutionRejectedException
{
    /// <summary>Initializes a new instance of the <see cref="BulkheadRejectedException"/> class.</summary>
    /// <param name="bulkheadName">The bulkhead's name.</param>
    /// <param name="queueTimedOut"><see langword="true"/> when the call timed out in the queue; <see langword="false"/> when the queue was full.</param>
    public BulkheadRejectedException(string bulkheadName, bool queueTimedOut)
        : base(
            queueTimedOut
                ? $"The call waited too long in the queue of bulkhead '{bulkheadName}'."
                : $"Bulkhead '{bulkheadName}' is full and its queue is full.",
            null)
    {
        StrategyName = bulkheadName;
        QueueTimedOut = queueTimedOut;
    }

    /// <summary>Gets a value indicating whether the call timed out in the queue (otherwise the queue was full).</summary>
    public bool QueueTimedOut { get; }
}

namespace Tx.Resilience.Bulkheads;

/// <summary>Counters of a <see cref="Bulkhead"/> at one instant, in the guide's <c>bulkheadStats</c> shape.</summary>
/// <param name="Name">The pool's name.</param>
/// <param name="Active">Calls holding a slot now.</param>
/// <param name="Queued">Calls waiting for a slot now.</param>
/// <param name="Capacity">The maximum concurrency.</param>
/// <param name="QueueCapacity">The maximum queue length.</param>
/// <param name="Total">Calls that asked for a slot since the pool was created.</param>
/// <param name="Completed">Calls that got a slot and finished without an exception.</param>
/// <param name="Failed">Calls that got a slot and threw.</param>
/// <param name="Rejected">Calls rejected because the queue was full.</param>
/// <param name="TimedOut">Calls rejected because they waited longer than the queue timeout.</param>
/// <param name="Canceled">Calls whose caller cancelled them while they waited.</param>
public readonly record struct BulkheadStatistics(
    string Name,
    long Active,
    long Queued,
    int Capacity,
    int QueueCapacity,
    long Total,
    long Completed,
    long Failed,
    long Rejected,
    long TimedOut,
    long Canceled)
{
    /// <summary>Gets <see cref="Active"/> divided by <see cref="Capacity"/>, 0..1.</summary>
    public double Utilization => Capacity == 0 ? 0 : (double)Active / Capacity;
}

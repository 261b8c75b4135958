namespace Tx.MultiWrite.Retrying;

/// <summary>
/// The retry worker's passes, for callers that drive it themselves (an operator's "retry now", a recovery job
/// after a crash, tests). The hosted service runs the same passes in a loop.
/// </summary>
public interface IMultiWriteRetryWorker
{
    /// <summary>Gets the name this worker leases legs under.</summary>
    string WorkerId { get; }

    /// <summary>Claims due legs (pending writes and tombstones), runs them and records the outcomes.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The number of legs claimed.</returns>
    Task<int> ProcessDueAsync(CancellationToken cancellationToken);

    /// <summary>Runs passes until one claims nothing, or <paramref name="maxPasses"/> passes ran.</summary>
    /// <param name="maxPasses">The most passes to run.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The number of legs claimed in all passes.</returns>
    Task<int> DrainAsync(int maxPasses, CancellationToken cancellationToken);
}

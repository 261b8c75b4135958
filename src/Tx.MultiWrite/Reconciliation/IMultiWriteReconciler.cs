namespace Tx.MultiWrite.Reconciliation;

/// <summary>Compares every store with the intent log over a write-id range, repairs and reports drift.</summary>
public interface IMultiWriteReconciler
{
    /// <summary>Scans a write-id range (see <see cref="Writing.WriteIds.MinAt"/> and <see cref="Writing.WriteIds.MaxAt"/> for time ranges).</summary>
    /// <param name="fromInclusive">The lower bound.</param>
    /// <param name="toInclusive">The upper bound.</param>
    /// <param name="options">The scan's options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report.</returns>
    Task<ReconciliationReport> ReconcileAsync(Guid fromInclusive, Guid toInclusive, ReconciliationOptions? options = null, CancellationToken cancellationToken = default);
}

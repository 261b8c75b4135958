namespace Tx.MultiWrite.Statistics;

/// <summary>Reads the multi-writer's statistics.</summary>
public interface IMultiWriteStatistics
{
    /// <summary>Reads breaker states, pool figures and the retry queue (one ledger query).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The statistics.</returns>
    Task<MultiWriteStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}

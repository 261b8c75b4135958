namespace Tx.MultiWrite.Targets;

/// <summary>
/// One database a record is written to. Every operation is idempotent by write id: a write is an
/// insert-if-absent (a row or tombstone already there wins), a tombstone is an upsert that marks the row
/// deleted. The abstract compliance suite in Tx.MultiWrite.ComplianceTests states the contract.
/// </summary>
public interface IWriteTarget
{
    /// <summary>Gets the target's name (for example <c>mysql</c>); it names the leg in results, the ledger and metrics.</summary>
    string Name { get; }

    /// <summary>Creates the target's tables (records and audit) when they do not exist.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>Inserts the record (and its audit row) unless a row with its write id exists.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>Whether the record was written, already there, or tombstoned.</returns>
    Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken);

    /// <summary>Marks the record deleted, inserting a tombstone when it is absent. Idempotent.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the tombstone is durable.</returns>
    Task TombstoneAsync(TargetRecord record, CancellationToken cancellationToken);

    /// <summary>Reads back what the target holds for some write ids (absent ids are left out).</summary>
    /// <param name="writeIds">The write ids.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The stored records.</returns>
    Task<IReadOnlyList<StoredRecord>> ReadAsync(IReadOnlyCollection<Guid> writeIds, CancellationToken cancellationToken);

    /// <summary>Lists the stored records whose write id lies in a range, in write-id text order.</summary>
    /// <param name="fromInclusive">The lower bound.</param>
    /// <param name="toInclusive">The upper bound.</param>
    /// <param name="limit">The maximum number of records.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The stored records.</returns>
    Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken);

    /// <summary>Gets the connection-pool figures the client exposes, or <see langword="null"/>.</summary>
    /// <returns>The figures.</returns>
    PoolStatistics? GetPoolStatistics();
}

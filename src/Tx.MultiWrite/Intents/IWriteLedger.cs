namespace Tx.MultiWrite.Intents;

/// <summary>
/// The durable intent log: one intent per write id with the state and lease of every leg. Implementations
/// (MySQL, SQLite, in-memory) take every time from the caller, never from the database clock, so that the
/// writer's <see cref="TimeProvider"/> decides when leases expire and retries fall due.
/// </summary>
public interface IWriteLedger
{
    /// <summary>Creates the ledger's tables when they do not exist.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits a new intent, its legs leased to <paramref name="leaseOwner"/> until <paramref name="leaseUntil"/>
    /// (the writer runs the first attempt itself), or returns the intent already stored under the same write id.
    /// </summary>
    /// <param name="intent">The intent to commit.</param>
    /// <param name="leaseOwner">The writer that runs the first attempt.</param>
    /// <param name="leaseUntil">When the first attempt's lease expires (after that the retry worker may take over).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns><see langword="null"/> when the intent was committed; otherwise the existing intent.</returns>
    Task<WriteIntent?> TryCreateAsync(WriteIntent intent, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Reads an intent.</summary>
    /// <param name="writeId">The write id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The intent, or <see langword="null"/> when there is none.</returns>
    Task<WriteIntent?> GetAsync(Guid writeId, CancellationToken cancellationToken);

    /// <summary>Applies leg updates (each guarded by its expected state) and releases their leases.</summary>
    /// <param name="writeId">The write id.</param>
    /// <param name="updates">The updates.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the updates are durable.</returns>
    Task UpdateLegsAsync(Guid writeId, IReadOnlyList<LegUpdate> updates, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the write as compensated: every leg not yet <see cref="LegState.Compensated"/> becomes
    /// <see cref="LegState.Compensating"/>, leased to <paramref name="leaseOwner"/> until <paramref name="leaseUntil"/>.
    /// </summary>
    /// <param name="writeId">The write id.</param>
    /// <param name="leaseOwner">The compensating process.</param>
    /// <param name="leaseUntil">When the lease expires.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The intent after the change, or <see langword="null"/> when there is none.</returns>
    Task<WriteIntent?> MarkCompensatingAsync(Guid writeId, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxLegs"/> legs that are <see cref="LegState.Pending"/> or
    /// <see cref="LegState.Compensating"/>, due at <paramref name="now"/>, and not leased (or whose lease expired).
    /// </summary>
    /// <param name="leaseOwner">The claiming worker.</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseDuration">How long the lease lasts.</param>
    /// <param name="maxLegs">The maximum number of legs to claim.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The claimed legs, oldest due first.</returns>
    Task<IReadOnlyList<LegClaim>> ClaimDueAsync(string leaseOwner, DateTimeOffset now, TimeSpan leaseDuration, int maxLegs, CancellationToken cancellationToken);

    /// <summary>Reads intents whose write id lies in a range (ordinal order of the id's text), in that order.</summary>
    /// <param name="fromInclusive">The lower bound.</param>
    /// <param name="toInclusive">The upper bound.</param>
    /// <param name="limit">The maximum number of intents.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The intents.</returns>
    Task<IReadOnlyList<WriteIntent>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken);

    /// <summary>Counts pending, compensating and dead-lettered legs.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The counts.</returns>
    Task<LedgerCounts> CountAsync(CancellationToken cancellationToken);
}

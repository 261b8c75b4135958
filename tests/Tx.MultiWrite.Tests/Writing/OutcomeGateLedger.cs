using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.Tests.Writing;

/// <summary>
/// The in-memory ledger, except that outcome updates wait for <see cref="Gate"/> (and then fail when
/// <see cref="Fault"/> is set): the window between a write's return and its deferred outcome reaching the ledger.
/// </summary>
internal sealed class OutcomeGateLedger : IWriteLedger
{
    private readonly InMemoryWriteLedger _inner = new();

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? Fault { get; set; }

    public int UpdatesWaiting => Volatile.Read(ref _waiting);

    private int _waiting;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _inner.EnsureCreatedAsync(cancellationToken);

    public Task<WriteIntent?> TryCreateAsync(WriteIntent intent, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        _inner.TryCreateAsync(intent, leaseOwner, leaseUntil, cancellationToken);

    public Task<WriteIntent?> GetAsync(Guid writeId, CancellationToken cancellationToken) => _inner.GetAsync(writeId, cancellationToken);

    public async Task UpdateLegsAsync(Guid writeId, IReadOnlyList<LegUpdate> updates, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await Gate.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        if (Fault is not null)
        {
            throw Fault;
        }

        await _inner.UpdateLegsAsync(writeId, updates, cancellationToken);
    }

    public Task<WriteIntent?> MarkCompensatingAsync(Guid writeId, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        _inner.MarkCompensatingAsync(writeId, leaseOwner, leaseUntil, cancellationToken);

    public Task<IReadOnlyList<LegClaim>> ClaimDueAsync(string leaseOwner, DateTimeOffset now, TimeSpan leaseDuration, int maxLegs, CancellationToken cancellationToken) =>
        _inner.ClaimDueAsync(leaseOwner, now, leaseDuration, maxLegs, cancellationToken);

    public Task<IReadOnlyList<WriteIntent>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken) =>
        _inner.ScanAsync(fromInclusive, toInclusive, limit, cancellationToken);

    public Task<LedgerCounts> CountAsync(CancellationToken cancellationToken) => _inner.CountAsync(cancellationToken);
}

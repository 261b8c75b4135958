using System.Collections.Concurrent;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using Tx.EventStore;
using Tx.EventStore.Reading;
using Tx.EventStore.Replay;

namespace EventStoreService.Application;

/// <summary>The transaction read model rebuilt from the global log (Tx.EventStore's <c>ReplayAllAsync</c> from a position):
/// one <see cref="TransactionState"/> per <c>transaction-{id}</c> stream, and the status counts. The last replay is kept
/// so single transactions can be compared with the transaction service's live model.</summary>
public sealed class TransactionProjection(IEventStore store)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile ConcurrentDictionary<string, TransactionDto> _last = new(StringComparer.Ordinal);

    public async Task<ProjectionReplayResult> ReplayAsync(long afterPosition, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ReplayResult<Dictionary<string, TransactionState>> result = await store.ReplayAllAsync(
                new Dictionary<string, TransactionState>(StringComparer.Ordinal),
                Fold,
                afterPosition,
                filter: e => e.StreamId.StartsWith(TransactionEventTypes.StreamPrefix, StringComparison.Ordinal),
                cancellationToken: cancellationToken);
            ConcurrentDictionary<string, TransactionDto> rebuilt = new(result.State.Select(s => KeyValuePair.Create(s.Key, s.Value.ToDto())), StringComparer.Ordinal);
            _last = rebuilt;
            Dictionary<string, int> counts = rebuilt.Values.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (string status in new[] { TransactionTypes.Pending, TransactionTypes.Completed, TransactionTypes.Failed })
            {
                counts.TryAdd(status, 0);
            }

            return new ProjectionReplayResult(afterPosition, result.Version, result.EventCount, rebuilt.Count, counts);
        }
        finally
        {
            _gate.Release();
        }
    }

    public TransactionDto? Find(string id) => _last.TryGetValue(id, out TransactionDto? dto) ? dto : null;

    public IReadOnlyList<string> Ids(string? status) =>
        [.. _last.Values.Where(t => status is null || t.Status == status).Select(t => t.Id).Order(StringComparer.Ordinal)];

    private static Dictionary<string, TransactionState> Fold(Dictionary<string, TransactionState> states, ResolvedEvent e)
    {
        string id = e.StreamId[TransactionEventTypes.StreamPrefix.Length..];
        if (!states.TryGetValue(id, out TransactionState? state))
        {
            states[id] = state = new TransactionState();
        }

        state.Apply(e.Data, e.StreamVersion);
        return states;
    }
}

using ReferenceServices.Contracts.Transactions;
using Tx.EventStore;
using Tx.EventStore.Reading;

namespace TransactionService.Infrastructure;

public static class TransactionStreams
{
    public static async Task<TransactionState> LoadAsync(IEventStore store, string streamId, CancellationToken cancellationToken, long maxVersion = long.MaxValue)
    {
        TransactionState state = new();
        await foreach (ResolvedEvent e in store.ReadStreamAsync(streamId, cancellationToken: cancellationToken))
        {
            if (e.StreamVersion > maxVersion)
            {
                break;
            }

            state.Apply(e.Data, e.StreamVersion);
        }

        return state;
    }
}

using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using TransactionService.Infrastructure;
using Tx.Cqrs.Queries;
using Tx.EventStore;

namespace TransactionService.Application.Queries;

public sealed class GetTransactionQueryHandler(IEventStore store) : IQueryHandler<GetTransactionQuery, TransactionDto?>
{
    public async ValueTask<TransactionDto?> HandleAsync(GetTransactionQuery query, CancellationToken cancellationToken)
    {
        TransactionState state = await TransactionStreams.LoadAsync(store, TransactionEventTypes.StreamPrefix + query.Id, cancellationToken);
        return state.Version == 0 ? null : state.ToDto();
    }
}

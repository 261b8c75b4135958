using ReferenceServices.Contracts;
using SettlementService.Infrastructure;
using Tx.Messaging.Consuming;

namespace SettlementService.IntegrationEvents;

/// <summary>Records each completed transaction as settleable (idempotent: a redelivery inserts nothing).</summary>
public sealed class CompletedTransactionsHandler(SettlementStore store) : IMessageHandler<TransactionIntegrationEvent>
{
    public ValueTask HandleAsync(TransactionIntegrationEvent value, ConsumedMessage message, CancellationToken cancellationToken)
    {
        if (value.EventType == "TransactionCompleted")
        {
            store.RecordCompleted(new SettleableTransaction(value.TransactionId, value.UserId, value.TransactionType, value.Amount, value.Currency, value.OccurredAt, null));
        }

        return ValueTask.CompletedTask;
    }
}

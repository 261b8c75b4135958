using ReferenceServices.Contracts;
using ReportingService.Infrastructure;
using Tx.Messaging.Consuming;

namespace ReportingService.IntegrationEvents;

/// <summary>Keeps every transaction's latest known state (by stream version, so a late redelivery never rolls it back).</summary>
public sealed class FinalTransactionsHandler(ReportingStore store) : IMessageHandler<TransactionIntegrationEvent>
{
    public ValueTask HandleAsync(TransactionIntegrationEvent value, ConsumedMessage message, CancellationToken cancellationToken)
    {
        store.Upsert(value);
        return ValueTask.CompletedTask;
    }
}

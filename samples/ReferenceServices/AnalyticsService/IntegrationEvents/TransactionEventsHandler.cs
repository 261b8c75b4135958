using AnalyticsService.Infrastructure;
using ReferenceServices.Contracts;
using Tx.Messaging.Consuming;

namespace AnalyticsService.IntegrationEvents;

/// <summary>Folds each transaction event into the hourly aggregates. Delivery is at least once: the store counts an
/// event once per (transaction, stream version).</summary>
public sealed class TransactionEventsHandler(AnalyticsStore store) : IMessageHandler<TransactionIntegrationEvent>
{
    public ValueTask HandleAsync(TransactionIntegrationEvent value, ConsumedMessage message, CancellationToken cancellationToken)
    {
        store.Apply(value);
        return ValueTask.CompletedTask;
    }
}

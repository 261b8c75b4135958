using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using TransactionService.Infrastructure;
using Tx.EventStore;
using Tx.EventStore.Reading;
using Tx.EventStore.Subscriptions;
using Tx.Messaging;
using Tx.Messaging.Producing;

namespace TransactionService.IntegrationEvents;

/// <summary>The event store's catch-up subscription: every stored transaction event goes to <c>transaction-events</c>
/// (keyed by transaction id, so per-transaction order holds); final states also to <c>notification-events</c>.</summary>
public sealed class TransactionEventPublisher(IEventStore store, IMessageProducer producer) : IEventSubscriptionHandler
{
    public async ValueTask HandleAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (RecordedEvent recorded in events)
        {
            if (!recorded.StreamId.StartsWith(TransactionEventTypes.StreamPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            TransactionState state = await TransactionStreams.LoadAsync(store, recorded.StreamId, cancellationToken, recorded.StreamVersion);
            TransactionIntegrationEvent integration = new(recorded.EventType, state.Id, state.UserId, state.Type, state.Amount, state.Currency,
                state.Status, state.FailureReason, recorded.StreamVersion, recorded.Position, recorded.Timestamp);
            await producer.ProduceAsync(Topics.TransactionEvents, state.Id, integration, cancellationToken: cancellationToken);
            if (state.IsFinal && recorded.EventType is "TransactionCompleted" or "TransactionFailed")
            {
                NotificationRequested notification = new($"{state.Id}:{recorded.EventType}", state.UserId, "email",
                    $"Transaction {state.Status.ToLowerInvariant()}",
                    $"Your {state.Type} of {state.Amount} {state.Currency} is {state.Status}.", state.Id);
                await producer.ProduceAsync(Topics.NotificationEvents, state.UserId, notification, cancellationToken: cancellationToken);
            }
        }
    }
}

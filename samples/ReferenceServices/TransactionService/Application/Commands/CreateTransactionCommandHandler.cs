using System.Security.Cryptography;
using System.Text;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using TransactionService.Application.Saga;
using TransactionService.Infrastructure;
using Tx.Cqrs.Commands;
using Tx.EventStore;
using Tx.EventStore.Appending;
using Tx.EventStore.Streams;

namespace TransactionService.Application.Commands;

/// <summary>Starts the transaction stream (the Idempotency-Key maps to a deterministic id, so a repeat finds the
/// existing stream instead of creating a second transaction) and runs the saga to a final state.</summary>
public sealed class CreateTransactionCommandHandler(IEventStore store, TransferSaga saga, TimeProvider time)
    : ICommandHandler<CreateTransactionCommand, CreateTransactionResult>
{
    public async ValueTask<CreateTransactionResult> HandleAsync(CreateTransactionCommand command, CancellationToken cancellationToken)
    {
        CreateTransactionRequest r = command.Request;
        string id = command.IdempotencyKey is { Length: > 0 } key ? IdFromKey(key) : Guid.NewGuid().ToString("D");
        string streamId = TransactionEventTypes.StreamPrefix + id;
        TransactionInitiated initiated = new(id, r.UserId!, r.Type!, r.Amount!.Value, r.Currency!,
            r.Type == TransactionTypes.Deposit ? null : r.FromAccount, r.Type == TransactionTypes.Withdrawal ? null : r.ToAccount, r.Description, time.GetUtcNow());
        try
        {
            await store.AppendAsync(streamId, ExpectedVersion.NoStream, [new EventData(initiated, new EventMetadata(CorrelationId: id, UserId: r.UserId))], cancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            TransactionState existing = await TransactionStreams.LoadAsync(store, streamId, cancellationToken);
            return new CreateTransactionResult(existing.ToDto(), Replayed: true);
        }

        TransactionState state = await saga.RunAsync(streamId, cancellationToken);
        return new CreateTransactionResult(state.ToDto(), Replayed: false);
    }

    private static string IdFromKey(string key)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes("idempotency:" + key));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }
}

using ReferenceServices.Contracts;

namespace TransactionService.Application.Commands;

/// <summary>The transaction after the saga ran; <see cref="Replayed"/> when the Idempotency-Key was seen before.</summary>
public sealed record CreateTransactionResult(TransactionDto Transaction, bool Replayed);

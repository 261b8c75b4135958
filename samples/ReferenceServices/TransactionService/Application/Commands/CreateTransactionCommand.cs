using ReferenceServices.Contracts;
using Tx.Cqrs.Commands;

namespace TransactionService.Application.Commands;

public sealed record CreateTransactionCommand(CreateTransactionRequest Request, string? IdempotencyKey) : ICommand<CreateTransactionResult>;

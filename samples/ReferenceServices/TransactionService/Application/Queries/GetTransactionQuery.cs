using ReferenceServices.Contracts;
using Tx.Cqrs.Queries;

namespace TransactionService.Application.Queries;

public sealed record GetTransactionQuery(string Id) : IQuery<TransactionDto?>;

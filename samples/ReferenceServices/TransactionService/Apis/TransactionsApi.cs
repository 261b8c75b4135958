using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ReferenceServices.Contracts;
using TransactionService.Application.Commands;
using TransactionService.Application.Queries;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;

namespace TransactionService.Apis;

public static class TransactionsApi
{
    public static RouteGroupBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/transactions");
        api.MapPost("/", CreateAsync);
        api.MapGet("/{id}", async Task<Results<Ok<TransactionDto>, NotFound>> (string id, IQueryBus queries, CancellationToken ct) =>
            await queries.ExecuteAsync(new GetTransactionQuery(id), ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound());
        return api;
    }

    private static async Task<Results<Created<TransactionDto>, Ok<TransactionDto>>> CreateAsync(
        CreateTransactionRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ICommandBus commands, CancellationToken ct)
    {
        CreateTransactionResult result = await commands.ExecuteAsync(new CreateTransactionCommand(request, idempotencyKey), ct);
        return result.Replayed
            ? TypedResults.Ok(result.Transaction)
            : TypedResults.Created($"/transactions/{result.Transaction.Id}", result.Transaction);
    }
}

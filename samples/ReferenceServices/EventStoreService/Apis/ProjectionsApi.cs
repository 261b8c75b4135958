using EventStoreService.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Problems;

namespace EventStoreService.Apis;

public static class ProjectionsApi
{
    /// <summary><c>POST /projections/transactions/replay?after=0</c> rebuilds the transaction read model from the log;
    /// <c>GET /projections/transactions[?status=]</c> lists its ids, <c>GET /projections/transactions/{id}</c> one state.</summary>
    public static RouteGroupBuilder MapProjectionsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/projections/transactions");
        api.MapPost("/replay", async (string? after, TransactionProjection projection, CancellationToken ct) =>
        {
            long from = QueryValue.Long(after, "after") ?? 0;
            return from < 0
                ? throw new FieldValidationException("after", "'after' is a global position, 0 or more.")
                : TypedResults.Ok(await projection.ReplayAsync(from, ct));
        });
        api.MapGet("/", (string? status, TransactionProjection projection) => TypedResults.Ok(new { ids = projection.Ids(status) }));
        api.MapGet("/{id}", Results<Ok<TransactionDto>, NotFound> (string id, TransactionProjection projection) =>
            projection.Find(id) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound());
        return api;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.ServiceDefaults.Problems;
using SettlementService.Application;
using SettlementService.Infrastructure;

namespace SettlementService.Apis;

public static class SettlementsApi
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(31);

    /// <summary><c>POST /settlements/batches</c> {from, to} (201 new, 200 the same period again);
    /// <c>GET /settlements/batches/{id}</c>; <c>POST /settlements/batches/{id}/reconcile</c>;
    /// <c>GET /settlements/transactions/{id}</c> (settleable yet? settled by which batch?).</summary>
    public static RouteGroupBuilder MapSettlementsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/settlements");
        api.MapPost("/batches", RunAsync);
        api.MapGet("/batches/{id}", Results<Ok<SettlementBatch>, NotFound> (string id, SettlementStore store) =>
            store.FindBatch(id) is { } batch ? TypedResults.Ok(batch) : TypedResults.NotFound());
        api.MapPost("/batches/{id}/reconcile", async Task<Results<Ok<SettlementBatch>, NotFound>> (string id, SettlementBatchRunner runner, CancellationToken ct) =>
            await runner.ReconcileAgainAsync(id, ct) is { } batch ? TypedResults.Ok(batch) : TypedResults.NotFound());
        api.MapGet("/transactions/{id}", Results<Ok<SettleableTransaction>, NotFound> (string id, SettlementStore store) =>
            store.Find(id) is { } transaction ? TypedResults.Ok(transaction) : TypedResults.NotFound());
        return api;
    }

    private static async Task<Results<Created<SettlementBatch>, Ok<SettlementBatch>>> RunAsync(RunBatchRequest request, SettlementBatchRunner runner, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset from = request.From ?? throw new FieldValidationException("from", "'from' is required.");
        DateTimeOffset to = request.To ?? throw new FieldValidationException("to", "'to' is required.");
        if (to <= from)
        {
            throw new FieldValidationException("to", "'to' must be after 'from'.");
        }

        if (to - from > MaxPeriod)
        {
            throw new FieldValidationException("to", $"A batch covers at most {MaxPeriod.TotalDays} days.");
        }

        if (from > time.GetUtcNow())
        {
            throw new FieldValidationException("from", "'from' is in the future.");
        }

        (SettlementBatch batch, bool created) = await runner.RunAsync(from, to, ct);
        return created ? TypedResults.Created($"/settlements/batches/{batch.Id}", batch) : TypedResults.Ok(batch);
    }
}

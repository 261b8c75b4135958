using AuditService.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Audit;
using ReferenceServices.ServiceDefaults.Problems;

namespace AuditService.Apis;

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/audit");
        api.MapGet("/entries", ListAsync);
        api.MapGet("/entries/{sequence:long}", async Task<Results<Ok<AuditEntryDto>, NotFound>> (long sequence, AuditStore store, CancellationToken ct) =>
            await store.FindAsync(sequence, ct) is { } entry ? TypedResults.Ok(entry) : TypedResults.NotFound());
        api.MapGet("/verify", async (AuditStore store, CancellationToken ct) => TypedResults.Ok(await store.VerifyAsync(ct)));
        return api;
    }

    /// <summary><c>?topic=</c> (one of the system's topics), <c>?aggregateId=</c> (aggregate or transaction id),
    /// <c>?after=</c> (sequence cursor, default 0), <c>?limit=</c> (1–500, default 100).</summary>
    private static async Task<Ok<AuditPage>> ListAsync(string? topic, string? aggregateId, long? after, int? limit, AuditStore store, CancellationToken ct)
    {
        FieldErrors errors = new();
        if (topic is not null && !Topics.All.Contains(topic))
        {
            errors.Add("topic", $"'topic' must be one of {string.Join(", ", Topics.All)}.");
        }

        if (after is < 0)
        {
            errors.Add("after", "'after' must be 0 or more.");
        }

        if (limit is < 1 or > 500)
        {
            errors.Add("limit", "'limit' must be between 1 and 500.");
        }

        errors.ThrowIfAny();
        return TypedResults.Ok(await store.ListAsync(topic, string.IsNullOrWhiteSpace(aggregateId) ? null : aggregateId, after ?? 0, limit ?? 100, ct));
    }
}

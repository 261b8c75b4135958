using EventStoreService.Infrastructure;
using ReferenceServices.ServiceDefaults.Problems;
using Tx.EventStore;
using Tx.EventStore.Reading;

namespace EventStoreService.Apis;

public static class EventsApi
{
    /// <summary><c>GET /events?after=0&amp;max=100</c>: the global log in position order, one page; pass
    /// <c>nextAfter</c> back as <c>after</c> for the next page.</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/events");
        api.MapGet("/", async (string? after, string? max, IEventStore store, CancellationToken ct) =>
        {
            long from = QueryValue.Long(after, "after") ?? 0;
            if (from < 0)
            {
                throw new FieldValidationException("after", "'after' is a global position, 0 or more.");
            }

            long count = QueryValue.Long(max, "max") ?? 100;
            if (count is < 1 or > StreamsApi.MaxPage)
            {
                throw new FieldValidationException("max", $"'max' must be between 1 and {StreamsApi.MaxPage}.");
            }

            IReadOnlyList<RecordedEvent> page = await store.ReadAllAsync(from, (int)count, ct);
            long head = await store.Provider.GetHeadPositionAsync(ct);
            long next = page.Count > 0 ? page[^1].Position : from;
            return TypedResults.Ok(new
            {
                after = from,
                nextAfter = next,
                headPosition = head,
                hasMore = next < head,
                events = page.Select(StoredEvents.ToDto).ToArray(),
            });
        });
        return api;
    }
}

using EventStoreService.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using ReferenceServices.ServiceDefaults.Problems;
using Tx.EventStore;
using Tx.EventStore.Reading;
using Tx.EventStore.Snapshots;
using Tx.EventStore.Streams;

namespace EventStoreService.Apis;

public static class StreamsApi
{
    public const int MaxPage = 1000;

    /// <summary><c>GET /streams/{id}?from=&amp;direction=forward|backward&amp;max=</c>, and the stream's snapshot
    /// (<c>GET</c> reads the latest, <c>POST</c> takes one at the current version; transaction streams).</summary>
    public static RouteGroupBuilder MapStreamsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/streams");
        api.MapGet("/{streamId}", ReadAsync);
        api.MapGet("/{streamId}/snapshot", async Task<Results<Ok<Snapshot<TransactionDto>>, NotFound>> (string streamId, IEventStore store, CancellationToken ct) =>
            await store.LoadSnapshotAsync<TransactionDto>(TransactionStream(streamId), ct) is { } snapshot ? TypedResults.Ok(snapshot) : TypedResults.NotFound());
        api.MapPost("/{streamId}/snapshot", TakeSnapshotAsync);
        return api;
    }

    private static async Task<Results<Ok<StreamReadDto>, NotFound>> ReadAsync(
        string streamId, string? from, string? direction, string? max, IEventStore store, CancellationToken ct)
    {
        ReadDirection read = (direction ?? "forward").ToUpperInvariant() switch
        {
            "FORWARD" or "FORWARDS" => ReadDirection.Forwards,
            "BACKWARD" or "BACKWARDS" => ReadDirection.Backwards,
            _ => throw new FieldValidationException("direction", "'direction' must be forward or backward."),
        };
        long count = QueryValue.Long(max, "max") ?? 100;
        if (count is < 1 or > MaxPage)
        {
            throw new FieldValidationException("max", $"'max' must be between 1 and {MaxPage}.");
        }

        long? fromVersion = QueryValue.Long(from, "from");
        if (fromVersion is < 1)
        {
            throw new FieldValidationException("from", "'from' is a stream version, 1 or more.");
        }

        StreamInfo info = await store.GetStreamInfoAsync(streamId, ct);
        if (!info.Exists)
        {
            return TypedResults.NotFound();
        }

        long start = fromVersion ?? (read == ReadDirection.Forwards ? StreamPosition.Start : StreamPosition.End);
        List<StoredEventDto> events = [];
        await foreach (RecordedEvent e in store.Provider.ReadStreamAsync(streamId, start, read, (int)count, ct))
        {
            events.Add(StoredEvents.ToDto(e));
        }

        return TypedResults.Ok(new StreamReadDto(streamId, info.Version, read == ReadDirection.Forwards ? "forward" : "backward", events));
    }

    private static async Task<Results<Created<Snapshot<TransactionDto>>, NotFound>> TakeSnapshotAsync(string streamId, IEventStore store, CancellationToken ct)
    {
        TransactionState state = new();
        await foreach (ResolvedEvent e in store.ReadStreamAsync(TransactionStream(streamId), cancellationToken: ct))
        {
            state.Apply(e.Data, e.StreamVersion);
        }

        if (state.Version == 0)
        {
            return TypedResults.NotFound();
        }

        await store.SaveSnapshotAsync(streamId, state.Version, state.ToDto(), ct);
        Snapshot<TransactionDto> saved = (await store.LoadSnapshotAsync<TransactionDto>(streamId, ct))!;
        return TypedResults.Created($"/streams/{streamId}/snapshot", saved);
    }

    private static string TransactionStream(string streamId) =>
        streamId.StartsWith(TransactionEventTypes.StreamPrefix, StringComparison.Ordinal)
            ? streamId
            : throw new FieldValidationException("streamId", $"Snapshots are kept for transaction streams ('{TransactionEventTypes.StreamPrefix}<id>').");
}

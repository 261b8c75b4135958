using System.Text.Json;

namespace ReferenceServices.Contracts;

/// <summary>An event as the event store service returns it: where it is (stream, version, global position), its type,
/// time, metadata and JSON data.</summary>
public sealed record StoredEventDto(
    string StreamId,
    long StreamVersion,
    long Position,
    string EventType,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? UserId,
    JsonElement Data);

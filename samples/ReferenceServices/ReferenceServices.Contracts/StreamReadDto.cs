namespace ReferenceServices.Contracts;

/// <summary>A page of one stream: the stream's current version and the events read.</summary>
public sealed record StreamReadDto(string StreamId, long Version, string Direction, IReadOnlyList<StoredEventDto> Events);

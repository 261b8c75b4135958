namespace ReferenceServices.Contracts.Audit;

/// <summary>One audit entry: a consumed message, its place in the chain, and <c>Hash</c> =
/// SHA-256(<c>PreviousHash</c> + canonical entry), hex.</summary>
public sealed record AuditEntryDto(
    long Sequence,
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string? EventType,
    string? AggregateId,
    string? TransactionId,
    string Payload,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string PreviousHash,
    string Hash);

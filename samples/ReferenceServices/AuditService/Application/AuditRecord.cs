namespace AuditService.Application;

/// <summary>What is audited of one consumed message, before it gets its place in the chain.</summary>
public sealed record AuditRecord(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string? EventType,
    string? AggregateId,
    string? TransactionId,
    string Payload,
    DateTimeOffset OccurredAt);

namespace Tx.MultiWrite.Targets;

/// <summary>The record as a target stores it.</summary>
/// <param name="WriteId">The write id (the target's primary key).</param>
/// <param name="RecordType">The record type.</param>
/// <param name="Key">The record's key.</param>
/// <param name="PayloadJson">The serialized payload.</param>
/// <param name="PayloadHash">The SHA-256 hash (lower-case hex) of record type, key and payload.</param>
/// <param name="CreatedAt">When the write was accepted.</param>
public sealed record TargetRecord(Guid WriteId, string RecordType, string Key, string PayloadJson, string PayloadHash, DateTimeOffset CreatedAt);

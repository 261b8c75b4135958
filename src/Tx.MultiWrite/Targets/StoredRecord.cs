namespace Tx.MultiWrite.Targets;

/// <summary>What a target holds for a write id, read back for reconciliation.</summary>
/// <param name="WriteId">The write id.</param>
/// <param name="RecordType">The record type.</param>
/// <param name="Key">The record's key.</param>
/// <param name="PayloadHash">The hash of what the target holds (recomputed from the stored payload where possible).</param>
/// <param name="Tombstoned">Whether the row is a tombstone.</param>
public sealed record StoredRecord(Guid WriteId, string RecordType, string Key, string PayloadHash, bool Tombstoned);

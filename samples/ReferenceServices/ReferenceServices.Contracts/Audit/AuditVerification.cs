namespace ReferenceServices.Contracts.Audit;

/// <summary>Result of walking the hash chain: <see cref="FirstBrokenSequence"/> is the first entry whose hash, link to
/// its predecessor or sequence number does not hold (null when the chain is intact).</summary>
public sealed record AuditVerification(bool Valid, long EntriesChecked, long? FirstBrokenSequence, string? Reason, string? HeadHash);

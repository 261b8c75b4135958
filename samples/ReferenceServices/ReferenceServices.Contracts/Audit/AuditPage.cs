namespace ReferenceServices.Contracts.Audit;

/// <summary>A page of audit entries; pass <see cref="NextAfter"/> as <c>after</c> for the next page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Items, long? NextAfter);

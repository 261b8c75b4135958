namespace Tx.MultiWrite.Reconciliation;

/// <summary>One disagreement found by a reconciliation scan.</summary>
/// <param name="WriteId">The write id.</param>
/// <param name="Database">The target name.</param>
/// <param name="Kind">The kind of drift.</param>
/// <param name="Repaired">Whether the scan repaired it.</param>
/// <param name="Detail">A description.</param>
public sealed record ReconciliationIssue(Guid WriteId, string Database, DriftKind Kind, bool Repaired, string Detail);

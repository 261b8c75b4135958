namespace Tx.MultiWrite.Reconciliation;

/// <summary>The result of a reconciliation scan over a write-id range.</summary>
/// <param name="FromInclusive">The scanned range's lower bound.</param>
/// <param name="ToInclusive">The scanned range's upper bound.</param>
/// <param name="IntentsScanned">The intents compared.</param>
/// <param name="Targets">The drift of each store, by target name.</param>
/// <param name="Issues">The issues found (at most <see cref="ReconciliationOptions.MaxIssues"/>).</param>
public sealed record ReconciliationReport(
    Guid FromInclusive,
    Guid ToInclusive,
    long IntentsScanned,
    IReadOnlyDictionary<string, TargetDrift> Targets,
    IReadOnlyList<ReconciliationIssue> Issues)
{
    /// <summary>Gets a value indicating whether every store agreed with the intent log (after repairs, flagged issues remain).</summary>
    public bool InSync => Targets.Values.All(d => d.Missing + d.Stale + d.Orphans + d.ContentMismatches + d.LedgerBehind == d.Repaired);
}

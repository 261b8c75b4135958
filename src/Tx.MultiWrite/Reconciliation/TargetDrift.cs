namespace Tx.MultiWrite.Reconciliation;

/// <summary>The drift of one store over the scanned range.</summary>
/// <param name="Missing">Records missing from the store.</param>
/// <param name="Stale">Compensated records still live in the store.</param>
/// <param name="Orphans">Rows with no intent.</param>
/// <param name="ContentMismatches">Rows whose content differs from the intent.</param>
/// <param name="LedgerBehind">Legs the ledger had not recorded as done.</param>
/// <param name="Repaired">Issues repaired by the scan.</param>
public sealed record TargetDrift(long Missing, long Stale, long Orphans, long ContentMismatches, long LedgerBehind, long Repaired);

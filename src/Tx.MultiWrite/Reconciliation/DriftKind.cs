namespace Tx.MultiWrite.Reconciliation;

/// <summary>A kind of disagreement between a store and the intent log.</summary>
public enum DriftKind
{
    /// <summary>The intent says the record should be in the store; it is not.</summary>
    Missing = 0,

    /// <summary>The write was compensated but the store still holds a live row (no tombstone).</summary>
    Stale = 1,

    /// <summary>The store holds a row with no intent in the ledger.</summary>
    Orphan = 2,

    /// <summary>The store's content hash differs from the intent's (or it holds an unexpected tombstone).</summary>
    ContentMismatch = 3,

    /// <summary>The store holds the record but the ledger still had the leg pending or dead-lettered.</summary>
    LedgerBehind = 4,
}

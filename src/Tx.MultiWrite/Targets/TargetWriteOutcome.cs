namespace Tx.MultiWrite.Targets;

/// <summary>What an idempotent insert-if-absent found.</summary>
public enum TargetWriteOutcome
{
    /// <summary>The record was inserted.</summary>
    Written = 0,

    /// <summary>A row with the write id was already there (an earlier attempt succeeded).</summary>
    AlreadyPresent = 1,

    /// <summary>A tombstone with the write id is there: the write was compensated and stays deleted.</summary>
    Tombstoned = 2,
}

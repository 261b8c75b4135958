namespace Tx.MultiWrite.Intents;

/// <summary>The state of one leg (one target database) of a write, as recorded in the ledger.</summary>
public enum LegState
{
    /// <summary>Not yet confirmed in the target: never attempted, failed, or timed out (outcome unknown). Retried.</summary>
    Pending = 0,

    /// <summary>The record is in the target (written now or found already there).</summary>
    Succeeded = 1,

    /// <summary>Retries were exhausted (attempt or age bound); the leg needs an operator or reconciliation.</summary>
    DeadLettered = 2,

    /// <summary>The write is being compensated; a tombstone must be written in the target. Retried.</summary>
    Compensating = 3,

    /// <summary>The target holds a tombstone for the write; a late write cannot resurrect the record.</summary>
    Compensated = 4,
}

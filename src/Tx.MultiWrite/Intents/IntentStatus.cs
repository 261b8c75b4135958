namespace Tx.MultiWrite.Intents;

/// <summary>The overall status of a write, derived from its legs.</summary>
public enum IntentStatus
{
    /// <summary>At least one leg is still pending (it will be retried).</summary>
    Pending = 0,

    /// <summary>Every leg succeeded.</summary>
    Completed = 1,

    /// <summary>At least one leg was dead-lettered under forward recovery; the others are done.</summary>
    DeadLettered = 2,

    /// <summary>The write is being compensated (all-or-nothing policy); tombstones are still being written.</summary>
    Compensating = 3,

    /// <summary>Every leg holds a tombstone.</summary>
    Compensated = 4,
}

namespace Tx.MultiWrite.Compensation;

/// <summary>What happens when a leg fails for good (its retries are exhausted).</summary>
public enum ConsistencyPolicy
{
    /// <summary>Keep the legs that succeeded, dead-letter the failed leg and let reconciliation or an operator finish it.</summary>
    ForwardRecovery = 0,

    /// <summary>
    /// Compensate: write an idempotent tombstone in every leg (so a late retry cannot resurrect the record) and
    /// publish <c>COMPENSATION_REQUIRED</c> to <c>compensation-events</c>.
    /// </summary>
    AllOrNothing = 1,
}

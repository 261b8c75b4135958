namespace Tx.MultiWrite.Intents;

/// <summary>Counts of the ledger's legs, for statistics.</summary>
/// <param name="PendingLegs">Legs waiting to be written (the retry-queue depth).</param>
/// <param name="CompensatingLegs">Legs waiting for a tombstone.</param>
/// <param name="DeadLetteredLegs">Legs whose retries were exhausted.</param>
public sealed record LedgerCounts(long PendingLegs, long CompensatingLegs, long DeadLetteredLegs);

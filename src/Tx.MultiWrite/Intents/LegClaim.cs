namespace Tx.MultiWrite.Intents;

/// <summary>A leg the retry worker claimed (leased) from the ledger, with its write intent.</summary>
/// <param name="Intent">The write intent (its legs as they were when claimed).</param>
/// <param name="Leg">The claimed leg.</param>
public sealed record LegClaim(WriteIntent Intent, LegEntry Leg);

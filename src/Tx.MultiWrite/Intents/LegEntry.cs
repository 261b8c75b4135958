namespace Tx.MultiWrite.Intents;

/// <summary>The ledger's record of one leg of a write.</summary>
/// <param name="Target">The target (database) name, for example <c>mysql</c>.</param>
/// <param name="State">The leg's state.</param>
/// <param name="Attempts">The number of attempts that ran (attempts skipped by an open breaker do not count).</param>
/// <param name="NextAttemptAt">When the retry worker may next attempt the leg.</param>
/// <param name="LastError">The last error, or <see langword="null"/>.</param>
public sealed record LegEntry(string Target, LegState State, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

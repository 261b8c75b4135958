namespace Tx.MultiWrite.Intents;

/// <summary>
/// A change to one leg, applied only when the leg is still in <paramref name="ExpectedState"/> (states only
/// move forward, so a slow worker cannot overwrite a newer outcome). Applying it releases the leg's lease.
/// </summary>
/// <param name="Target">The target name.</param>
/// <param name="ExpectedState">The state the leg must be in for the update to apply.</param>
/// <param name="State">The new state.</param>
/// <param name="Attempts">The new attempt count.</param>
/// <param name="NextAttemptAt">When the leg may next be attempted.</param>
/// <param name="LastError">The last error, or <see langword="null"/>.</param>
public sealed record LegUpdate(string Target, LegState ExpectedState, LegState State, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

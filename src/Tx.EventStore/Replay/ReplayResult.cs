namespace Tx.EventStore.Replay;

/// <summary>The outcome of a replay: the folded state and how far it reached.</summary>
/// <typeparam name="TState">The state's type.</typeparam>
/// <param name="State">The folded state.</param>
/// <param name="Version">The last stream version (stream replay) or global position (log replay) folded in.</param>
/// <param name="EventCount">The number of events folded (not counting those behind a snapshot).</param>
public sealed record ReplayResult<TState>(TState State, long Version, long EventCount);

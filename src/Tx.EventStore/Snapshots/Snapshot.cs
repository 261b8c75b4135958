namespace Tx.EventStore.Snapshots;

/// <summary>A loaded snapshot: a state and the stream version it reflects.</summary>
/// <typeparam name="TState">The state's type.</typeparam>
/// <param name="StreamId">The stream id.</param>
/// <param name="StreamVersion">The version of the last event folded into <paramref name="State"/>.</param>
/// <param name="State">The state.</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
public sealed record Snapshot<TState>(string StreamId, long StreamVersion, TState State, DateTimeOffset Timestamp);

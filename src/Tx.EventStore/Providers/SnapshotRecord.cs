namespace Tx.EventStore.Providers;

/// <summary>A stored snapshot: the serialized state of a stream after <see cref="StreamVersion"/>.</summary>
/// <param name="StreamId">The stream id.</param>
/// <param name="StreamVersion">The version of the last event folded into the state.</param>
/// <param name="SnapshotType">The name of the state's type.</param>
/// <param name="SchemaVersion">The schema version of the state's JSON; a mismatch makes the loader ignore the snapshot.</param>
/// <param name="Data">The UTF-8 JSON state.</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
public sealed record SnapshotRecord(string StreamId, long StreamVersion, string SnapshotType, int SchemaVersion, ReadOnlyMemory<byte> Data, DateTimeOffset Timestamp);

using Tx.EventStore.Reading;

namespace Tx.EventStore.Providers;

/// <summary>A stream's latest snapshot and the events stored after it, read as of one moment.</summary>
/// <param name="Snapshot">The latest snapshot, or <see langword="null"/> when the stream has none.</param>
/// <param name="Events">The events after the snapshot's version (the whole stream without a snapshot), ascending.</param>
public sealed record SnapshotTail(SnapshotRecord? Snapshot, IReadOnlyList<RecordedEvent> Events);

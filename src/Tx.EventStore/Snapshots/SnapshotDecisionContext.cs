namespace Tx.EventStore.Snapshots;

/// <summary>What a snapshot predicate is told after a save.</summary>
/// <param name="StreamId">The stream id.</param>
/// <param name="PreviousVersion">The stream version before the save.</param>
/// <param name="Version">The stream version after the save.</param>
/// <param name="LastSnapshotVersion">The version of the snapshot the aggregate was loaded from (0 when none).</param>
public readonly record struct SnapshotDecisionContext(string StreamId, long PreviousVersion, long Version, long LastSnapshotVersion);

using System.ComponentModel.DataAnnotations;

namespace Tx.EventStore.Snapshots;

/// <summary>When the aggregate repository takes snapshots.</summary>
public sealed class SnapshotOptions
{
    /// <summary>Gets or sets a value indicating whether snapshots are taken and used.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the interval: a snapshot is taken each time a stream's version crosses a multiple of it.</summary>
    /// <value>The default value is 1,000 events.</value>
    [Range(1, int.MaxValue)]
    public int Interval { get; set; } = 1000;

    /// <summary>
    /// Gets or sets a predicate that replaces the interval rule: it is asked after every successful save and
    /// returns whether to snapshot now.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (use <see cref="Interval"/>).</value>
    public Func<SnapshotDecisionContext, bool>? ShouldTakeSnapshot { get; set; }

    /// <summary>Gets or sets the schema version stored with snapshots; raise it when the state's shape changes so old snapshots are ignored.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, int.MaxValue)]
    public int SchemaVersion { get; set; } = 1;

    internal bool ShouldSnapshot(in SnapshotDecisionContext context) =>
        Enabled && (ShouldTakeSnapshot?.Invoke(context)
            ?? context.PreviousVersion / Interval != context.Version / Interval);
}

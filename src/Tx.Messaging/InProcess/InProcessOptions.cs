using System.ComponentModel.DataAnnotations;

namespace Tx.Messaging.InProcess;

/// <summary>Options of the in-process transport.</summary>
public sealed class InProcessOptions
{
    /// <summary>Gets or sets the partition count of topics created implicitly (by producing to or subscribing to them).</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 10_000)]
    public int DefaultPartitions { get; set; } = 3;

    /// <summary>
    /// Gets or sets how many messages each partition retains. When a partition is full, the oldest message
    /// is dropped if every running consumer group has committed past it; otherwise producers wait until the
    /// slowest running group catches up (back-pressure). Groups with no running member do not hold
    /// producers back: like Kafka's retention, their oldest messages are dropped.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 100_000_000)]
    public int PartitionCapacity { get; set; } = 10_000;
}

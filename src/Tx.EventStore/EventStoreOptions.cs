using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tx.EventStore.Retention;
using Tx.EventStore.Serialization;
using Tx.EventStore.Snapshots;

namespace Tx.EventStore;

/// <summary>Options of the event store core (all providers).</summary>
public sealed class EventStoreOptions
{
    /// <summary>Gets the map of stable event type names to CLR types, with schema versions and upcasters.</summary>
    /// <value>The default value is a map that only knows the <c>$stream-deleted</c> tombstone.</value>
    public EventTypeMap Types { get; } = new();

    /// <summary>Gets or sets the System.Text.Json options used for event payloads and snapshots.</summary>
    /// <value>The default value is <see cref="JsonSerializerDefaults.Web"/> options (camelCase, case-insensitive reads).</value>
    [Required]
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Gets or sets the largest serialized event payload accepted, in bytes.</summary>
    /// <value>The default value is 1,048,576 (1 MiB).</value>
    [Range(1, int.MaxValue)]
    public int MaxEventSize { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the largest number of events accepted in one append.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 1_000_000)]
    public int MaxAppendCount { get; set; } = 10_000;

    /// <summary>Gets the snapshot policy used by <see cref="Aggregates.AggregateRepository{T}"/>.</summary>
    /// <value>The default value is a snapshot every 1,000 events.</value>
    [ValidateObjectMembers]
    public SnapshotOptions Snapshots { get; } = new();

    /// <summary>Gets the retention rules (maximum count / age of events per stream).</summary>
    /// <value>The default value keeps every event forever.</value>
    [ValidateObjectMembers]
    public RetentionOptions Retention { get; } = new();
}

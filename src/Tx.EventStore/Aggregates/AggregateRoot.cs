using System.Text.Json.Serialization;

namespace Tx.EventStore.Aggregates;

/// <summary>
/// Base class of event-sourced aggregates loaded and saved by <see cref="AggregateRepository{T}"/>: state
/// changes only through <see cref="Apply"/>, new events are raised with <see cref="Raise"/>. The derived
/// class's public state is what snapshots serialize (System.Text.Json).
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<object> _pending = [];

    /// <summary>Gets or sets the stream id of the aggregate.</summary>
    [JsonIgnore]
    public string Id { get; protected internal set; } = string.Empty;

    /// <summary>Gets the version of the last stored event applied (0 for a new aggregate).</summary>
    [JsonIgnore]
    public long Version { get; internal set; }

    /// <summary>Gets the events raised since the aggregate was loaded or saved.</summary>
    [JsonIgnore]
    public IReadOnlyList<object> PendingEvents => _pending;

    /// <summary>Applies an event to the state. Called for stored events when loading and for raised events.</summary>
    /// <param name="event">The domain event.</param>
    protected abstract void Apply(object @event);

    /// <summary>Applies a new event and queues it to be stored by the next save.</summary>
    /// <param name="event">The domain event.</param>
    protected void Raise(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        Apply(@event);
        _pending.Add(@event);
    }

    internal long SnapshotVersion { get; set; }

    internal void ApplyStored(object @event, long version)
    {
        Apply(@event);
        Version = version;
    }

    internal void MarkSaved(long version)
    {
        _pending.Clear();
        Version = version;
    }
}

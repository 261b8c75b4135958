namespace Tx.EventStore.Streams;

/// <summary>
/// The tombstone event written (type <see cref="TypeName"/>) when a stream is deleted, so that
/// subscribers (outbox publishers, mirrors) learn about the deletion in global order.
/// </summary>
/// <param name="StreamId">The deleted stream's id.</param>
public sealed record StreamDeleted(string StreamId)
{
    /// <summary>The stable event type name of the tombstone.</summary>
    public const string TypeName = "$stream-deleted";
}

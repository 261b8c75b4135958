namespace Tx.EventStore.Streams;

/// <summary>Raised when a deleted (tombstoned) stream is appended to or read.</summary>
public sealed class StreamDeletedException : EventStoreException
{
    /// <summary>Initializes a new instance of the <see cref="StreamDeletedException"/> class.</summary>
    /// <param name="streamId">The stream id.</param>
    public StreamDeletedException(string streamId)
        : base($"Stream '{streamId}' was deleted.")
    {
        StreamId = streamId;
    }

    /// <summary>Gets the stream id.</summary>
    public string StreamId { get; }
}

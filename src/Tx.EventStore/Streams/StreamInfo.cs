namespace Tx.EventStore.Streams;

/// <summary>The state of one stream.</summary>
/// <param name="StreamId">The stream id.</param>
/// <param name="Version">The version of the stream's last event; 0 when the stream does not exist.</param>
/// <param name="IsDeleted">Whether the stream was deleted (a tombstone was written).</param>
public readonly record struct StreamInfo(string StreamId, long Version, bool IsDeleted)
{
    /// <summary>Gets a value indicating whether the stream has at least one event.</summary>
    public bool Exists => Version > 0;
}

using System.Globalization;

namespace Tx.EventStore.Streams;

/// <summary>
/// Raised when an append or delete found the stream at a different version than expected
/// (optimistic concurrency conflict). Nothing was written.
/// </summary>
public sealed class WrongExpectedVersionException : EventStoreException
{
    /// <summary>Initializes a new instance of the <see cref="WrongExpectedVersionException"/> class.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="expectedVersion">The version the caller expected.</param>
    /// <param name="actualVersion">The version the stream was at (0 when it does not exist).</param>
    public WrongExpectedVersionException(string streamId, ExpectedVersion expectedVersion, long actualVersion)
        : base(string.Format(
            CultureInfo.InvariantCulture,
            "Append to stream '{0}' expected version {1} but the stream is at version {2}.",
            streamId,
            expectedVersion,
            actualVersion))
    {
        StreamId = streamId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the stream id.</summary>
    public string StreamId { get; }

    /// <summary>Gets the version the caller expected.</summary>
    public ExpectedVersion ExpectedVersion { get; }

    /// <summary>Gets the version the stream was at (0 when it does not exist).</summary>
    public long ActualVersion { get; }
}

namespace Tx.Messaging.Producing;

/// <summary>A message to produce: key, value bytes and headers.</summary>
/// <remarks>
/// Messages with the same key always go to the same partition (murmur2, as the Java client does), so
/// one aggregate's events stay in order. A <see langword="null"/> key spreads messages over partitions.
/// </remarks>
public sealed class OutgoingMessage
{
    /// <summary>Initializes a message.</summary>
    /// <param name="key">The partition key (for example the aggregate id), or <see langword="null"/>.</param>
    /// <param name="value">The payload.</param>
    /// <param name="headers">The headers, or <see langword="null"/> for none.</param>
    public OutgoingMessage(string? key, ReadOnlyMemory<byte> value, MessageHeaders? headers = null)
    {
        Key = key;
        Value = value;
        Headers = headers ?? [];
    }

    /// <summary>Gets the partition key.</summary>
    public string? Key { get; }

    /// <summary>Gets the payload.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Gets the headers.</summary>
    public MessageHeaders Headers { get; }
}

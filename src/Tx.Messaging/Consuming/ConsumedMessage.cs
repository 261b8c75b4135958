namespace Tx.Messaging.Consuming;

/// <summary>A message as a consumer group received it: where it came from, key, value and headers.</summary>
public sealed class ConsumedMessage
{
    /// <summary>Initializes a consumed message (called by transports).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="offset">The offset within the partition.</param>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <param name="value">The payload.</param>
    /// <param name="headers">The headers.</param>
    /// <param name="timestamp">The time the message was stored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="topic"/> or <paramref name="headers"/> is <see langword="null"/>.</exception>
    public ConsumedMessage(
        string topic,
        int partition,
        long offset,
        string? key,
        ReadOnlyMemory<byte> value,
        IReadOnlyDictionary<string, string> headers,
        DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(headers);
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Key = key;
        Value = value;
        Headers = headers;
        Timestamp = timestamp;
    }

    /// <summary>Gets the topic.</summary>
    public string Topic { get; }

    /// <summary>Gets the partition.</summary>
    public int Partition { get; }

    /// <summary>Gets the offset within the partition.</summary>
    public long Offset { get; }

    /// <summary>Gets the key.</summary>
    public string? Key { get; }

    /// <summary>Gets the payload.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Gets the headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the time the message was stored.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the 1-based number of this delivery to the handler (2 and more are retries).</summary>
    public int Attempt { get; internal set; } = 1;
}

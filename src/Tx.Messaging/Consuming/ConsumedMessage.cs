using Tx.Messaging.InProcess;

namespace Tx.Messaging.Consuming;

/// <summary>A message as a consumer group received it: where it came from, key, value and headers.</summary>
public sealed class ConsumedMessage
{
    // Set by the public constructor, or created from the in-process record on first read.
    private readonly byte[]? _payload;
    private readonly int _headersLength;
    private readonly int _headerCount;
    private IReadOnlyDictionary<string, string>? _headers;

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
        _headers = headers;
        Timestamp = timestamp;
    }

    /// <summary>
    /// Initializes a message of the in-process transport over its own copy of the record: the value, then
    /// the encoded headers (see <see cref="InProcessRecordCodec"/>), which become a dictionary only when
    /// <see cref="Headers"/> is first read (most handlers and the loop never read them).
    /// </summary>
    internal ConsumedMessage(string topic, int partition, long offset, string? key, byte[] payload, int valueLength, int headersLength, int headerCount, DateTimeOffset timestamp)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Key = key;
        Value = new ReadOnlyMemory<byte>(payload, 0, valueLength);
        Timestamp = timestamp;
        if (headerCount == 0)
        {
            _headers = InProcessHeaders.Empty;
            return;
        }

        _payload = payload;
        _headersLength = headersLength;
        _headerCount = headerCount;
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
    public IReadOnlyDictionary<string, string> Headers => Volatile.Read(ref _headers) ?? CreateHeaders();

    /// <summary>Gets the time the message was stored.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the 1-based number of this delivery to the handler (2 and more are retries).</summary>
    public int Attempt { get; internal set; } = 1;

    private IReadOnlyDictionary<string, string> CreateHeaders()
    {
        // Two readers racing create equal views; the first published wins.
        var headers = new InProcessHeaders(_payload!, Value.Length, _headersLength, _headerCount);
        return Interlocked.CompareExchange(ref _headers, headers, null) ?? headers;
    }
}

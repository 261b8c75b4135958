namespace Tx.Messaging.InProcess;

/// <summary>A stored message of an in-process partition.</summary>
internal sealed class InProcessRecord(string? key, byte[] value, IReadOnlyDictionary<string, string> headers, DateTimeOffset timestamp)
{
    public long Offset { get; set; }

    public string? Key { get; } = key;

    public byte[] Value { get; } = value;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public DateTimeOffset Timestamp { get; } = timestamp;
}

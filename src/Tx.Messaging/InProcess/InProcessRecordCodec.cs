using System.Buffers.Binary;
using System.Text;
using Tx.Messaging.Consuming;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.InProcess;

/// <summary>
/// Encodes a message into the bytes an in-process partition retains, and decodes them into a
/// <see cref="ConsumedMessage"/> that owns its own copies. Layout: key (UTF-8), value, then per header
/// a 32-bit name length, the name (UTF-8), a 32-bit value length and the value (UTF-8).
/// </summary>
internal static class InProcessRecordCodec
{
    /// <summary>An upper bound of the encoded length (to size a buffer).</summary>
    public static int GetMaxLength(string? key, int valueLength, MessageHeaders headers, string? traceParent)
    {
        long length = valueLength + (key is null ? 0L : Encoding.UTF8.GetMaxByteCount(key.Length));
        foreach (KeyValuePair<string, string> header in headers)
        {
            length += 8L + Encoding.UTF8.GetMaxByteCount(header.Key.Length) + Encoding.UTF8.GetMaxByteCount(header.Value.Length);
        }

        if (traceParent is not null)
        {
            length += 8L + MessagingTelemetryConstants.TraceParentHeader.Length + Encoding.UTF8.GetMaxByteCount(traceParent.Length);
        }

        return length > Array.MaxLength ? throw new ArgumentException("The message is too large for the in-process transport.", nameof(valueLength)) : (int)length;
    }

    /// <summary>
    /// Writes the record into <paramref name="destination"/> (at least <see cref="GetMaxLength"/> bytes) and
    /// describes it; <paramref name="traceParent"/>, when given, replaces a <c>traceparent</c> header or is added last.
    /// </summary>
    public static InProcessEntry Encode(string? key, ReadOnlySpan<byte> value, MessageHeaders headers, string? traceParent, long utcTicks, Span<byte> destination, InProcessHeaderCache? headerCache = null)
    {
        int written = 0;
        int keyLength = -1;
        if (key is not null)
        {
            keyLength = Encoding.UTF8.GetBytes(key, destination);
            written = keyLength;
        }

        value.CopyTo(destination[written..]);
        written += value.Length;
        int headersStart = written;
        if (traceParent is null && headerCache is not null)
        {
            int cached = headerCache.TryCopy(headers, destination[written..]);
            if (cached >= 0)
            {
                return Describe(utcTicks, keyLength, value.Length, cached, headers.Count);
            }
        }

        int count = 0;
        bool traceWritten = false;
        foreach (KeyValuePair<string, string> header in headers)
        {
            string headerValue = header.Value;
            if (traceParent is not null && string.Equals(header.Key, MessagingTelemetryConstants.TraceParentHeader, StringComparison.Ordinal))
            {
                headerValue = traceParent;
                traceWritten = true;
            }

            written += WriteHeader(header.Key, headerValue, destination[written..]);
            count++;
        }

        if (traceParent is not null && !traceWritten)
        {
            written += WriteHeader(MessagingTelemetryConstants.TraceParentHeader, traceParent, destination[written..]);
            count++;
        }

        if (traceParent is null && headerCache is not null)
        {
            headerCache.Remember(headers, destination[headersStart..written]);
        }

        return Describe(utcTicks, keyLength, value.Length, written - headersStart, count);
    }

    /// <summary>
    /// Builds the consumed message from a record's bytes (<paramref name="entry"/>'s <see cref="InProcessEntry.DataStart"/>
    /// indexes <paramref name="data"/>): one new array holds its value and encoded headers, which become a dictionary only when read.
    /// The key comes from <c>keys</c>, a consumer's cache (repeating keys share one string), when given.
    /// </summary>
    public static ConsumedMessage Decode(string topic, int partition, long offset, in InProcessEntry entry, ReadOnlySpan<byte> data, InProcessKeyCache? keys = null)
    {
        ReadOnlySpan<byte> record = data.Slice((int)entry.DataStart, (int)entry.Length);
        string? key = null;
        int keyLength = Math.Max(entry.KeyLength, 0);
        if (entry.KeyLength >= 0)
        {
            key = entry.KeyLength == 0 ? string.Empty : keys is null ? Encoding.UTF8.GetString(record[..keyLength]) : keys.Get(record[..keyLength]);
        }

        // The consumer's copy outlives the retained bytes (handlers may keep it): a new array.
        int payload = entry.ValueLength + entry.HeadersLength;
        byte[] bytes = payload == 0 ? [] : record.Slice(keyLength, payload).ToArray();
        return new ConsumedMessage(topic, partition, offset, key, bytes, entry.ValueLength, entry.HeadersLength, entry.HeaderCount, new DateTimeOffset(entry.UtcTicks, TimeSpan.Zero));
    }

    private static InProcessEntry Describe(long utcTicks, int keyLength, int valueLength, int headersLength, int headerCount) => new()
    {
        UtcTicks = utcTicks,
        KeyLength = keyLength,
        ValueLength = valueLength,
        HeadersLength = headersLength,
        HeaderCount = headerCount,
    };

    private static int WriteHeader(string name, string value, Span<byte> destination)
    {
        int nameLength = Encoding.UTF8.GetBytes(name, destination[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination, nameLength);
        Span<byte> rest = destination[(4 + nameLength)..];
        int valueLength = Encoding.UTF8.GetBytes(value, rest[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(rest, valueLength);
        return 8 + nameLength + valueLength;
    }
}

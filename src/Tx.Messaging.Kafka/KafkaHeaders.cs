using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace Tx.Messaging.Kafka;

/// <summary>Converts between <see cref="MessageHeaders"/> (strings) and Kafka headers (UTF-8 bytes).</summary>
internal static class KafkaHeaders
{
    public static Headers? ToKafka(MessageHeaders headers, string? traceParent)
    {
        if (headers.Count == 0 && traceParent is null)
        {
            return null;
        }

        var kafka = new Headers();
        KafkaHeaderCache cache = KafkaHeaderCache.Shared;
        foreach (KeyValuePair<string, string> header in headers)
        {
            kafka.Add(cache.Get(header.Key, header.Value));
        }

        if (traceParent is not null)
        {
            kafka.Add(Telemetry.MessagingTelemetryConstants.TraceParentHeader, Encoding.UTF8.GetBytes(traceParent));
        }

        return kafka;
    }

    public static IReadOnlyDictionary<string, string> FromKafka(Headers? headers)
    {
        var result = new MessageHeaders();
        if (headers is not null)
        {
            foreach (IHeader header in headers)
            {
                byte[]? value = header.GetValueBytes();
                result.Set(header.Key, value is null ? string.Empty : Encoding.UTF8.GetString(value));
            }
        }

        return result;
    }

    /// <summary>The payload as an array, without copying when the memory already is a whole array.</summary>
    public static byte[] ToArray(ReadOnlyMemory<byte> value) =>
        MemoryMarshal.TryGetArray(value, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToArray();
}

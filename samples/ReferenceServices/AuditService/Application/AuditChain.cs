using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AuditService.Application;

/// <summary>The chain rule: <c>hash = hex(SHA-256(utf8(previousHash) ‖ canonical entry))</c>, where the canonical entry is
/// compact JSON with a fixed property order (sequence, topic, partition, offset, key, eventType, aggregateId,
/// transactionId, payload, occurredAt, recordedAt; timestamps as stored, round-trip "O" format). The first entry's
/// previous hash is 64 zeros.</summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, long sequence, string topic, int partition, long offset, string? key, string? eventType,
        string? aggregateId, string? transactionId, string payload, string occurredAt, string recordedAt)
    {
        ArrayBufferWriter<byte> buffer = new(256 + (payload.Length * 2));
        buffer.Write(Encoding.UTF8.GetBytes(previousHash));
        using (Utf8JsonWriter json = new(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", sequence);
            json.WriteString("topic", topic);
            json.WriteNumber("partition", partition);
            json.WriteNumber("offset", offset);
            json.WriteString("key", key);
            json.WriteString("eventType", eventType);
            json.WriteString("aggregateId", aggregateId);
            json.WriteString("transactionId", transactionId);
            json.WriteString("payload", payload);
            json.WriteString("occurredAt", occurredAt);
            json.WriteString("recordedAt", recordedAt);
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}

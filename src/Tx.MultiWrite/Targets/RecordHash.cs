using System.Security.Cryptography;
using System.Text;

namespace Tx.MultiWrite.Targets;

/// <summary>
/// The payload hash: SHA-256 over record type, key and payload text. Stored with the intent; targets recompute
/// it from what they hold so that reconciliation detects content that changed behind the writer's back.
/// </summary>
public static class RecordHash
{
    /// <summary>Computes the hash.</summary>
    /// <param name="recordType">The record type.</param>
    /// <param name="key">The record's key.</param>
    /// <param name="payloadJson">The serialized payload, exactly as stored.</param>
    /// <returns>The SHA-256 hash, 64 lower-case hex characters.</returns>
    public static string Compute(string recordType, string key, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(recordType);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payloadJson);
        int length = Encoding.UTF8.GetByteCount(recordType) + Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(payloadJson) + 2;
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int n = Encoding.UTF8.GetBytes(recordType, buffer);
            buffer[n++] = (byte)'\n';
            n += Encoding.UTF8.GetBytes(key, buffer.AsSpan(n));
            buffer[n++] = (byte)'\n';
            n += Encoding.UTF8.GetBytes(payloadJson, buffer.AsSpan(n));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, n), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tx.Messaging.Producing;

/// <summary>
/// The partitioner of the Java Kafka client (and librdkafka's <c>murmur2_random</c>):
/// <c>toPositive(murmur2(utf8(key))) % partitions</c>, murmur2 with seed <c>0x9747b28c</c>.
/// Both transports place a key on the partition the Java client would choose.
/// </summary>
public static class Murmur2Partitioner
{
    private const int StackKeyLimit = 256;

    /// <summary>Gets the partition of a key.</summary>
    /// <param name="key">The key; its UTF-8 bytes are hashed.</param>
    /// <param name="partitionCount">The number of partitions of the topic.</param>
    /// <returns>A partition in <c>[0, partitionCount)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is not positive.</exception>
    public static int GetPartition(string key, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        int max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= StackKeyLimit ? stackalloc byte[StackKeyLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        int length = Encoding.UTF8.GetBytes(key, buffer);
        int partition = GetPartition(buffer[..length], partitionCount);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return partition;
    }

    /// <summary>Gets the partition of a key given as bytes.</summary>
    /// <param name="key">The key bytes.</param>
    /// <param name="partitionCount">The number of partitions of the topic.</param>
    /// <returns>A partition in <c>[0, partitionCount)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is not positive.</exception>
    public static int GetPartition(ReadOnlySpan<byte> key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (Murmur2(key) & 0x7fffffff) % partitionCount;
    }

    /// <summary>The Java client's <c>Utils.murmur2</c>: 32-bit murmur2 with seed <c>0x9747b28c</c>.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The signed 32-bit hash, equal to the Java client's value.</returns>
    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        const uint M = 0x5bd1e995;
        const int R = 24;
        int length = data.Length;
        uint h = 0x9747b28c ^ (uint)length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++)
        {
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));

            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        int tail = blocks * 4;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return (int)h;
    }
}

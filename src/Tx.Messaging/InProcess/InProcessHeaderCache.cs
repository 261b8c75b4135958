namespace Tx.Messaging.InProcess;

/// <summary>
/// The encoded bytes of the header set a producer wrote last, found again by the identity of its name and
/// value strings (strings are immutable, so the same references always encode to the same bytes, however
/// the caller changes its <see cref="MessageHeaders"/> afterwards). Producers that send the same event type
/// and version on every message copy the block instead of encoding every string again. Safe for
/// concurrent producers: a cached block is immutable and replaced whole.
/// </summary>
internal sealed class InProcessHeaderCache
{
    // A producer whose header values change on every message (a correlation id) never hits: it stores a
    // new block on its first miss and then on one miss in this many, not on every one.
    private const int RememberEvery = 64;

    // Blocks larger than this are not kept.
    private const int MaxBlockLength = 512;

    private Block? _last;
    private int _misses;

    /// <summary>Copies the cached encoding of <paramref name="headers"/> when it is the cached set; returns the length written, or -1.</summary>
    public int TryCopy(MessageHeaders headers, Span<byte> destination)
    {
        Block? block = Volatile.Read(ref _last);
        if (block is null || block.Names.Length != headers.Count)
        {
            return -1;
        }

        int i = 0;
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (!ReferenceEquals(header.Key, block.Names[i]) || !ReferenceEquals(header.Value, block.Values[i]))
            {
                return -1;
            }

            i++;
        }

        block.Bytes.CopyTo(destination);
        return block.Bytes.Length;
    }

    /// <summary>Considers keeping <paramref name="encoded"/>, the encoding of <paramref name="headers"/> just written after a miss.</summary>
    public void Remember(MessageHeaders headers, ReadOnlySpan<byte> encoded)
    {
        // Unsynchronized: a lost increment only changes which miss stores the next block.
        int misses = _misses++;
        if (misses % RememberEvery != 0 || encoded.Length > MaxBlockLength || headers.Count == 0)
        {
            return;
        }

        string[] names = new string[headers.Count];
        string[] values = new string[names.Length];
        int i = 0;
        foreach (KeyValuePair<string, string> header in headers)
        {
            names[i] = header.Key;
            values[i] = header.Value;
            i++;
        }

        Volatile.Write(ref _last, new Block(names, values, encoded.ToArray()));
    }

    private sealed class Block(string[] names, string[] values, byte[] bytes)
    {
        public string[] Names { get; } = names;

        public string[] Values { get; } = values;

        public byte[] Bytes { get; } = bytes;
    }
}

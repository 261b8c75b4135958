namespace Tx.Messaging.InProcess;

/// <summary>
/// Where one retained record of an in-process partition lives: a position and lengths in the
/// partition's byte ring, and the timestamp. It holds no references, so a partition's retained
/// records are invisible to the garbage collector (nothing to trace, nothing to promote).
/// </summary>
/// <remarks>The record's bytes are its key (UTF-8), its value, then its headers (see <see cref="InProcessRecordCodec"/>).</remarks>
internal struct InProcessEntry
{
    /// <summary>The absolute position of the record's first byte (in the partition's ring, or in a reader's copy).</summary>
    public long DataStart;

    /// <summary>The time the record was stored, in UTC ticks.</summary>
    public long UtcTicks;

    /// <summary>The key's UTF-8 length, or -1 for a <see langword="null"/> key.</summary>
    public int KeyLength;

    /// <summary>The value's length.</summary>
    public int ValueLength;

    /// <summary>The encoded headers' length.</summary>
    public int HeadersLength;

    /// <summary>The number of headers.</summary>
    public int HeaderCount;

    /// <summary>Gets the record's length in bytes (negative only for a torn copy).</summary>
    public readonly long Length => (long)Math.Max(KeyLength, 0) + ValueLength + HeadersLength;
}

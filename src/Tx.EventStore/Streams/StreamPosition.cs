namespace Tx.EventStore.Streams;

/// <summary>Well-known stream versions and global positions used when reading.</summary>
public static class StreamPosition
{
    /// <summary>The first version of a stream.</summary>
    public const long Start = 1;

    /// <summary>The last version of a stream (read backwards from here to get the newest events first).</summary>
    public const long End = long.MaxValue;

    /// <summary>The global position before the first event; read all "after" it to start at the beginning.</summary>
    public const long BeforeFirst = 0;
}

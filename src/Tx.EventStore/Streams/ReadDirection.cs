namespace Tx.EventStore.Streams;

/// <summary>The direction a stream is read in.</summary>
public enum ReadDirection
{
    /// <summary>From the given version towards the end (ascending versions).</summary>
    Forwards = 0,

    /// <summary>From the given version towards the start (descending versions).</summary>
    Backwards = 1,
}

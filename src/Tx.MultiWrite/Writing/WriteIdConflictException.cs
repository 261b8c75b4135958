namespace Tx.MultiWrite.Writing;

/// <summary>Thrown when a write id is reused with a different payload (nothing is written).</summary>
public sealed class WriteIdConflictException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WriteIdConflictException"/> class.</summary>
    public WriteIdConflictException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WriteIdConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    public WriteIdConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WriteIdConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WriteIdConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WriteIdConflictException"/> class.</summary>
    /// <param name="writeId">The reused write id.</param>
    /// <param name="storedHash">The payload hash stored with the write id.</param>
    /// <param name="newHash">The payload hash of the rejected record.</param>
    public WriteIdConflictException(Guid writeId, string storedHash, string newHash)
        : base($"Write id {writeId} was already used for another payload (stored hash {storedHash}, new hash {newHash}); nothing was written.")
    {
        WriteId = writeId;
    }

    /// <summary>Gets the reused write id.</summary>
    public Guid WriteId { get; }
}

namespace Tx.MultiWrite.Writing;

/// <summary>A record to write to every target.</summary>
/// <param name="RecordType">The record type (for example <c>transactions</c>); selects the consistency policy.</param>
/// <param name="Key">The record's key (for example the transaction id).</param>
/// <param name="Payload">The payload; serialized with System.Text.Json.</param>
public sealed record MultiWriteRecord(string RecordType, string Key, object Payload)
{
    /// <summary>
    /// Gets the write id chosen by the caller (an idempotency key), or <see langword="null"/> to let the writer
    /// create a UUIDv7. Reusing a write id with the same payload returns the stored outcome.
    /// </summary>
    public Guid? WriteId { get; init; }
}

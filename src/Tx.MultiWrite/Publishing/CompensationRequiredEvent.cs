namespace Tx.MultiWrite.Publishing;

/// <summary>Published to <c>compensation-events</c> (event type <c>COMPENSATION_REQUIRED</c>) when an all-or-nothing write is compensated.</summary>
/// <param name="WriteId">The write id.</param>
/// <param name="RecordType">The record type.</param>
/// <param name="Key">The record's key.</param>
/// <param name="FailedDatabase">The leg whose permanent failure caused the compensation.</param>
/// <param name="Reason">The failure.</param>
/// <param name="CompensatedDatabases">Every leg that receives a tombstone.</param>
/// <param name="Timestamp">When compensation started.</param>
public sealed record CompensationRequiredEvent(Guid WriteId, string RecordType, string Key, string FailedDatabase, string Reason, IReadOnlyList<string> CompensatedDatabases, DateTimeOffset Timestamp)
{
    /// <summary>Gets the event type (<c>COMPENSATION_REQUIRED</c>).</summary>
    public string EventType => MultiWriteTopics.CompensationRequired;
}

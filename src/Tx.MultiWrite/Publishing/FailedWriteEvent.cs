using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.Publishing;

/// <summary>Published to <c>failed-writes</c> for each failed leg attempt.</summary>
/// <param name="WriteId">The write id.</param>
/// <param name="Database">The target name.</param>
/// <param name="RecordType">The record type.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Error">The error.</param>
/// <param name="Attempts">The attempts made so far.</param>
/// <param name="State">The leg's state after the attempt (<see cref="LegState.Pending"/>: it will be retried).</param>
/// <param name="Timestamp">When the attempt failed.</param>
public sealed record FailedWriteEvent(Guid WriteId, string Database, string RecordType, string Key, string Error, int Attempts, LegState State, DateTimeOffset Timestamp);

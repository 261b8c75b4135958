namespace Tx.EventStore.Appending;

/// <summary>The outcome of an append.</summary>
/// <param name="StreamVersion">The stream's version after the append (the version of the last event appended).</param>
/// <param name="Position">The global position of the last event appended.</param>
public readonly record struct AppendResult(long StreamVersion, long Position);

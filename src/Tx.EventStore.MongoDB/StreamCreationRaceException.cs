namespace Tx.EventStore.MongoDB;

/// <summary>Thrown inside an append transaction when a concurrent writer created the same stream first; the append runs again.</summary>
internal sealed class StreamCreationRaceException(Exception innerException)
    : Exception("A concurrent writer created the stream.", innerException);

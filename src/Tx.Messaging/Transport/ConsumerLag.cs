namespace Tx.Messaging.Transport;

/// <summary>How far a consumer is behind the end of one of its partitions.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Lag">Messages produced but not yet consumed.</param>
public readonly record struct ConsumerLag(string Topic, int Partition, long Lag);

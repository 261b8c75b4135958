namespace Tx.Messaging.Producing;

/// <summary>Where a produced message was stored.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition the key mapped to.</param>
/// <param name="Offset">The offset of the message in its partition.</param>
/// <param name="Timestamp">The time the message was stored.</param>
public readonly record struct DeliveryResult(string Topic, int Partition, long Offset, DateTimeOffset Timestamp);

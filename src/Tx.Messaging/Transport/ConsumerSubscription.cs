using Tx.Messaging.Consuming;

namespace Tx.Messaging.Transport;

/// <summary>What a transport consumer subscribes to.</summary>
/// <param name="GroupId">The consumer group.</param>
/// <param name="Topics">The topics.</param>
/// <param name="AutoOffsetReset">Where to start on partitions without a committed offset.</param>
public sealed record ConsumerSubscription(string GroupId, IReadOnlyList<string> Topics, AutoOffsetReset AutoOffsetReset);

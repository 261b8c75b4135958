using Microsoft.Extensions.DependencyInjection;

namespace Tx.Messaging;

/// <summary>
/// Returned by <c>AddTxMessaging</c>; transports extend it (<c>UseInProcess</c>, the default, or
/// <c>UseKafka</c> from Tx.Messaging.Kafka).
/// </summary>
public interface ITxMessagingBuilder
{
    /// <summary>Gets the service collection the messaging services are registered in.</summary>
    IServiceCollection Services { get; }
}

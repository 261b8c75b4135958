namespace Tx.Messaging.Telemetry;

internal static class MessagingTelemetryConstants
{
    public const string MeterName = "Tx.Messaging";
    public const string ActivitySourceName = "Tx.Messaging";

    public const string Produced = "tx.messaging.messages.produced";
    public const string Consumed = "tx.messaging.messages.consumed";
    public const string Retried = "tx.messaging.messages.retried";
    public const string DeadLettered = "tx.messaging.messages.dead_lettered";
    public const string ConsumerLag = "tx.messaging.consumer.lag";
    public const string MessageUnit = "{message}";

    public const string TopicTag = "messaging.destination.name";
    public const string GroupTag = "messaging.consumer.group.name";
    public const string PartitionTag = "messaging.destination.partition.id";
    public const string TransportTag = "messaging.system";

    // W3C trace context travels in this header so a consumer's span joins the producer's trace.
    public const string TraceParentHeader = "traceparent";
}

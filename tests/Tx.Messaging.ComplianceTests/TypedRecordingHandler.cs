using Tx.Messaging.Consuming;

namespace Tx.Messaging.ComplianceTests;

public sealed class TypedRecordingHandler(MessageSink sink) : IMessageHandler<Payment>
{
    public ValueTask HandleAsync(Payment value, ConsumedMessage message, CancellationToken cancellationToken) => sink.OnMessageAsync(message, cancellationToken);
}

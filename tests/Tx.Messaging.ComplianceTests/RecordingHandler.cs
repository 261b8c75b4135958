using Tx.Messaging.Consuming;

namespace Tx.Messaging.ComplianceTests;

public sealed class RecordingHandler(MessageSink sink) : IMessageHandler
{
    public ValueTask HandleAsync(ConsumedMessage message, CancellationToken cancellationToken) => sink.OnMessageAsync(message, cancellationToken);
}

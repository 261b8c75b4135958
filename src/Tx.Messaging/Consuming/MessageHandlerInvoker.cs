namespace Tx.Messaging.Consuming;

/// <summary>Calls the handler of a consumer group for one message.</summary>
internal abstract class MessageHandlerInvoker
{
    public abstract ValueTask InvokeAsync(ConsumedMessage message, CancellationToken cancellationToken);
}

namespace Tx.Messaging.Consuming;

/// <summary>Calls a delegate; used where no DI scope is wanted (benchmarks, tests).</summary>
internal sealed class DelegateMessageHandlerInvoker(Func<ConsumedMessage, CancellationToken, ValueTask> handler) : MessageHandlerInvoker
{
    public override ValueTask InvokeAsync(ConsumedMessage message, CancellationToken cancellationToken) => handler(message, cancellationToken);
}

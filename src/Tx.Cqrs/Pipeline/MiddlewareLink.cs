namespace Tx.Cqrs.Pipeline;

/// <summary>One pre-built link of a pipeline: a middleware bound to the rest of the chain.</summary>
internal sealed class MiddlewareLink<TMessage, TResult>(
    IMessageMiddleware<TMessage, TResult> middleware,
    MessageHandlerDelegate<TMessage, TResult> next)
    where TMessage : class
{
    public ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context) =>
        middleware.InvokeAsync(message, context, next);
}

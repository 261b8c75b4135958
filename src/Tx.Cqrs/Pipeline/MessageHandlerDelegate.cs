namespace Tx.Cqrs.Pipeline;

/// <summary>The rest of the pipeline, as seen by a middleware: the next middleware, or the handler.</summary>
/// <typeparam name="TMessage">The message type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="message">The message to pass on (usually the one received; a middleware may pass a replacement).</param>
/// <param name="context">The context to pass on.</param>
/// <returns>The result of the rest of the pipeline.</returns>
public delegate ValueTask<TResult> MessageHandlerDelegate<in TMessage, TResult>(TMessage message, MessageContext context)
    where TMessage : class;

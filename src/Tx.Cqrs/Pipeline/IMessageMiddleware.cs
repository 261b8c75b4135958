namespace Tx.Cqrs.Pipeline;

/// <summary>
/// A step of the pipeline around a message's handler. Middlewares run in the order they were added
/// (the first added is the outermost); one may short-circuit by returning without calling
/// <c>next</c>. Register an open generic type (<c>MyMiddleware&lt;,&gt;</c>) to wrap every message of a
/// kind, or a closed one to wrap one message type. One instance is created per message type when the
/// bus is built, so keep middlewares stateless; reach per-call services through
/// <see cref="MessageContext.Services"/>.
/// </summary>
/// <typeparam name="TMessage">The message type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
public interface IMessageMiddleware<TMessage, TResult>
    where TMessage : class
{
    /// <summary>Runs this step.</summary>
    /// <param name="message">The message.</param>
    /// <param name="context">The service provider and cancellation token of this dispatch.</param>
    /// <param name="next">The rest of the pipeline. Not calling it short-circuits the dispatch.</param>
    /// <returns>The result.</returns>
    ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next);
}

namespace Tx.Cqrs.Pipeline;

/// <summary>
/// The dispatcher of one message type, seen from the bus through the result type only: the bus finds it
/// by the message's runtime type and calls it without knowing the message's static type.
/// </summary>
internal abstract class MessageDispatcher<TResult>
{
    public abstract ValueTask<TResult> DispatchAsync(object message, CancellationToken cancellationToken);
}

using Tx.Messaging.Consuming;

namespace Tx.Messaging.Transport;

/// <summary>
/// A transport's member of a consumer group (implemented by transports; applications use
/// <c>AddTxConsumer</c>). Used by one thread at a time. Disposing leaves the group after committing the
/// stored offsets.
/// </summary>
public interface IMessageConsumer : IDisposable
{
    /// <summary>Waits for the next message of the assigned partitions, in partition order.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The next message.</returns>
    ValueTask<ConsumedMessage> ConsumeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records that <paramref name="message"/> is done (handled or dead-lettered): the group's offset for
    /// its partition moves past it and is committed.
    /// </summary>
    /// <param name="message">The message.</param>
    void StoreOffset(ConsumedMessage message);

    /// <summary>Gets the lag of each assigned partition.</summary>
    /// <returns>The lag per partition.</returns>
    IReadOnlyList<ConsumerLag> GetLag();
}

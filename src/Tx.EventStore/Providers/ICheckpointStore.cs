namespace Tx.EventStore.Providers;

/// <summary>Stores the last processed global position of each named subscription (part of the provider SPI).</summary>
public interface ICheckpointStore
{
    /// <summary>Loads a subscription's checkpoint.</summary>
    /// <param name="subscriptionName">The subscription name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The last processed position, or <see langword="null"/> when none was stored.</returns>
    ValueTask<long?> LoadAsync(string subscriptionName, CancellationToken cancellationToken = default);

    /// <summary>Stores (upserts) a subscription's checkpoint.</summary>
    /// <param name="subscriptionName">The subscription name.</param>
    /// <param name="position">The last processed position.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task completing when stored durably.</returns>
    ValueTask SaveAsync(string subscriptionName, long position, CancellationToken cancellationToken = default);
}

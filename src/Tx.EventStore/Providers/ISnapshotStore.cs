namespace Tx.EventStore.Providers;

/// <summary>Stores the latest snapshot of each stream (part of the provider SPI).</summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Stores a snapshot unless one with a higher version is already stored for the stream
    /// (an older snapshot never replaces a newer one). One snapshot per stream is kept.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task completing when stored.</returns>
    ValueTask SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default);

    /// <summary>Loads the latest snapshot of a stream.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    ValueTask<SnapshotRecord?> LoadAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Removes a stream's snapshot.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task completing when removed.</returns>
    ValueTask DeleteAsync(string streamId, CancellationToken cancellationToken = default);
}

using Tx.EventStore.Providers;

namespace Tx.EventStore.ComplianceTests;

/// <summary>
/// Creates isolated provider instances for the compliance suite. A provider test project derives one
/// fixture and passes it to each *ComplianceTests subclass (as an <c>IClassFixture</c>).
/// </summary>
public abstract class EventStoreProviderFixture : IAsyncLifetime
{
    /// <summary>Gets a value indicating whether the provider honours <see cref="ProviderTestOptions.BeforeCommit"/>.</summary>
    public virtual bool SupportsBeforeCommitHook => true;

    /// <summary>
    /// Creates a provider over the storage named <see cref="ProviderTestOptions.StoreName"/> (empty when new),
    /// with its schema created. Storage is dropped in <see cref="DisposeAsync"/>.
    /// </summary>
    public abstract ValueTask<IEventStoreProvider> CreateProviderAsync(ProviderTestOptions options);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

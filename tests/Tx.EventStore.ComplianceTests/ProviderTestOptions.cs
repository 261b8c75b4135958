namespace Tx.EventStore.ComplianceTests;

/// <summary>What a compliance test asks of the provider it gets from <see cref="EventStoreProviderFixture"/>.</summary>
public sealed class ProviderTestOptions
{
    /// <summary>
    /// Gets the name of the storage (database file, schema, table prefix...). A new name gives an empty store;
    /// the same name again gives a new provider instance over the same data (a "restart").
    /// </summary>
    public string StoreName { get; init; } = "s" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// Gets a hook the provider must await inside every append/delete transaction, after the events are written
    /// and their positions assigned, just before the commit (used to hold a writer open).
    /// </summary>
    public Func<CancellationToken, ValueTask>? BeforeCommit { get; init; }
}

using MongoDB.Driver;
using Tx.EventStore.ComplianceTests;
using Tx.EventStore.Providers;
using Tx.TestUtilities;

namespace Tx.EventStore.MongoDB.Tests.Compliance;

/// <summary>
/// One database per test class on the server in TX_MONGODB_URL (a replica set: appends use transactions), one
/// collection prefix per store name; the database is dropped when the class is done. Nothing connects when unset.
/// </summary>
public sealed class MongoDbProviderFixture : EventStoreProviderFixture
{
    public string DatabaseName { get; } = "txes_" + Guid.NewGuid().ToString("N")[..16];

    public override ValueTask<IEventStoreProvider> CreateProviderAsync(ProviderTestOptions options)
    {
        var provider = new MongoDbEventStoreProvider(new MongoDbEventStoreOptions
        {
            ConnectionString = TestEnvironment.MongoDb ?? throw new InvalidOperationException("TX_MONGODB_URL is not set."),
            DatabaseName = DatabaseName,
            CollectionPrefix = options.StoreName + "_",
        })
        {
            BeforeCommit = options.BeforeCommit,
        };
        return ValueTask.FromResult<IEventStoreProvider>(provider);
    }

    public override async Task DisposeAsync()
    {
        if (TestEnvironment.MongoDb is { } url)
        {
            using var client = new MongoClient(url);
            await client.DropDatabaseAsync(DatabaseName);
        }
    }
}

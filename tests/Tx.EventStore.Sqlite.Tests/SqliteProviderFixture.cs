using Microsoft.Data.Sqlite;
using Tx.EventStore.ComplianceTests;
using Tx.EventStore.Providers;

namespace Tx.EventStore.Sqlite.Tests;

/// <summary>One database file per store name in a private temporary folder, deleted at the end.</summary>
public sealed class SqliteProviderFixture : EventStoreProviderFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tx-eventstore-sqlite-" + Guid.NewGuid().ToString("N"));

    public override async ValueTask<IEventStoreProvider> CreateProviderAsync(ProviderTestOptions options)
    {
        Directory.CreateDirectory(_folder);
        var provider = new SqliteEventStoreProvider(new SqliteEventStoreOptions
        {
            ConnectionString = ConnectionString(options.StoreName),
            DurableCommits = false,
        })
        {
            BeforeCommit = options.BeforeCommit,
        };
        await provider.MigrateAsync();
        return provider;
    }

    public string ConnectionString(string storeName) => $"Data Source={Path.Combine(_folder, storeName + ".db")}";

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

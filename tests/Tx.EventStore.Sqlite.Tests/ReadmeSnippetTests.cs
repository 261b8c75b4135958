using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Sqlite.Tests;

/// <summary>The code of src/Tx.EventStore.Sqlite/README.md, compiled and run.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task QuickStart_Runs()
    {
        string folder = Path.Combine(Path.GetTempPath(), "tx-es-readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "events.db");
        try
        {
            // --- README: quick start ---
            var services = new ServiceCollection();
            services.AddTxEventStore(o => o.Types.Add<TransactionCreated>("TransactionCreated"))
                .UseSqlite($"Data Source={path}");
            await using var provider = services.BuildServiceProvider();
            var store = provider.GetRequiredService<IEventStore>();
            await store.MigrateAsync(); // optional: the schema is also created on first use

            await store.AppendAsync("txn_123", ExpectedVersion.NoStream, [new EventData(new TransactionCreated("txn_123", 100m, "USD"))]);
            var page = await store.ReadAllAsync(afterPosition: 0, maxCount: 100);
            // --- end ---

            Assert.Single(page);
            Assert.Equal("TransactionCreated", page[0].EventType);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

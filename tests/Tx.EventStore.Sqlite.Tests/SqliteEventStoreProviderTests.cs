using Microsoft.Data.Sqlite;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteEventStoreProviderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tx-es-provider-" + Guid.NewGuid().ToString("N") + ".db");

    [Fact]
    public async Task AppendAsync_WithoutMigrate_CreatesTheSchemaOnDemand()
    {
        using var provider = Create();

        var result = await provider.AppendAsync("s", ExpectedVersion.NoStream, [Event()]);

        Assert.Equal(new AppendResult(1, 1), result);
    }

    [Fact]
    public async Task ReadAllAsync_OnAFreshDatabase_CreatesTheSchemaAndReturnsNothing()
    {
        using var provider = Create();

        Assert.Empty(await provider.ReadAllAsync(0, 10));
        Assert.Equal(0, await provider.GetHeadPositionAsync());
    }

    [Fact]
    public async Task AutoCreateSchemaOff_WithoutMigrate_Fails_ThenMigrateFixesIt()
    {
        using var provider = Create(o => o.AutoCreateSchema = false);

        await Assert.ThrowsAsync<SqliteException>(() => provider.AppendAsync("s", ExpectedVersion.NoStream, [Event()]).AsTask());
        await provider.MigrateAsync();

        Assert.Equal(1, (await provider.AppendAsync("s", ExpectedVersion.NoStream, [Event()])).StreamVersion);
    }

    [Fact]
    public async Task TwoProviderInstancesOnOneFile_ParallelAppends_AllStoredWithoutGaps()
    {
        using var first = Create();
        using var second = Create();
        await first.MigrateAsync();

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (int i = 0; i < 40; i++)
                {
                    await first.AppendAsync("a", ExpectedVersion.Exact(i), [Event()]);
                }
            }),
            Task.Run(async () =>
            {
                for (int i = 0; i < 40; i++)
                {
                    await second.AppendAsync("b", ExpectedVersion.Exact(i), [Event()]);
                }
            }));

        var all = await first.ReadAllAsync(0, 1000);
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), all.Select(e => e.Position));
    }

    [Fact]
    public async Task TablePrefix_SeparatesStoresInOneFile()
    {
        using var one = Create(o => o.TablePrefix = "one_");
        using var two = Create(o => o.TablePrefix = "two_");

        await one.AppendAsync("s", ExpectedVersion.NoStream, [Event()]);

        Assert.Equal(0, (await two.GetStreamInfoAsync("s")).Version);
        Assert.Equal(1, (await one.GetStreamInfoAsync("s")).Version);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private static UncommittedEvent Event() =>
        new(Guid.NewGuid(), "E", 1, "{}"u8.ToArray(), EventMetadata.Empty, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private SqliteEventStoreProvider Create(Action<SqliteEventStoreOptions>? configure = null)
    {
        var options = new SqliteEventStoreOptions { ConnectionString = $"Data Source={_path}", DurableCommits = false };
        configure?.Invoke(options);
        return new SqliteEventStoreProvider(options);
    }
}

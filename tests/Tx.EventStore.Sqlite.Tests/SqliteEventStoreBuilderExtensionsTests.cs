using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteEventStoreBuilderExtensionsTests
{
    [Fact]
    public void UseSqlite_RegistersTheSqliteProvider()
    {
        var services = new ServiceCollection();
        services.AddTxEventStore().UseSqlite("Data Source=unused.db", o => o.TablePrefix = "app_");
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SqliteEventStoreProvider>(provider.GetRequiredService<IEventStore>().Provider);
        Assert.Equal("app_", provider.GetRequiredService<IOptions<SqliteEventStoreOptions>>().Value.TablePrefix);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void UseSqlite_InvalidOptions_FailOnResolve()
    {
        var services = new ServiceCollection();
        services.AddTxEventStore().UseSqlite("Data Source=unused.db", o => o.TablePrefix = "bad prefix");
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEventStore>());
    }

    [Fact]
    public void UseSqlite_EmptyConnectionString_Throws() =>
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddTxEventStore().UseSqlite(" "));
}

using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Appending;
using Tx.EventStore.MySql.Tests.Compliance;
using Tx.EventStore.Streams;

namespace Tx.EventStore.MySql.Tests;

public sealed class ReadmeSnippetTests(MySqlProviderFixture fixture) : IClassFixture<MySqlProviderFixture>
{
    [Fact]
    public async Task QuickStart_AppendsAndReadsBack()
    {
        string connectionString = fixture.ConnectionString;

        // README quick start
        var services = new ServiceCollection();
        services.AddTxEventStore(o => o.Types.Add<AccountDebited>("AccountDebited"))
            .UseMySql(connectionString, o => o.TablePrefix = "payments");
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();
        await store.MigrateAsync(); // optional: the first operation creates the tables too

        await store.AppendAsync("txn-1", ExpectedVersion.NoStream, [new EventData(new AccountDebited("txn-1", "acc_1", 25m))]);
        await foreach (var e in store.ReadStreamAsync("txn-1"))
        {
            Console.WriteLine($"{e.StreamVersion} {e.EventType} {e.Data}");
        }

        // end
        var all = await store.ReadAllAsync(0, 10);
        Assert.Equal("txn-1", Assert.Single(all).StreamId);
    }

    public sealed record AccountDebited(string TransactionId, string AccountId, decimal Amount);
}

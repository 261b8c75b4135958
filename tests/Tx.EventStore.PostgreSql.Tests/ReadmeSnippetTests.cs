using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Appending;
using Tx.EventStore.Streams;
using Tx.TestUtilities;

namespace Tx.EventStore.PostgreSql.Tests;

public sealed class ReadmeSnippetTests : IAsyncLifetime
{
    private readonly PostgreSqlTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task QuickStart_AppendsAndReadsBack()
    {
        string connectionString = TestEnvironment.PostgreSql;
        string schema = _database.NewSchema();

        // README quick start
        var services = new ServiceCollection();
        services.AddTxEventStore(o => o.Types.Add<AccountDebited>("AccountDebited"))
            .UsePostgreSql(connectionString, o => o.Schema = schema);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();
        await store.MigrateAsync(); // optional: the first operation creates the schema too

        await store.AppendAsync("txn-1", ExpectedVersion.NoStream, [new EventData(new AccountDebited("txn-1", "acc_1", 25m))]);
        await foreach (var e in store.ReadStreamAsync("txn-1"))
        {
            Console.WriteLine($"{e.StreamVersion} {e.EventType} {e.Data}");
        }

        // end
        var all = await store.ReadAllAsync(0, 10);
        Assert.Equal(new AccountDebited("txn-1", "acc_1", 25m), Assert.IsType<AccountDebited>((await ToListAsync(store)).Single()));
        Assert.Single(all);
    }

    private static async Task<List<object>> ToListAsync(IEventStore store)
    {
        var list = new List<object>();
        await foreach (var e in store.ReadStreamAsync("txn-1"))
        {
            list.Add(e.Data);
        }

        return list;
    }

    public sealed record AccountDebited(string TransactionId, string AccountId, decimal Amount);
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;

namespace Tx.EventStore.Benchmarks;

/// <summary>A SQLite event store in a fresh temporary file, built through the public DI entry point.</summary>
public sealed class SqliteBench : IDisposable
{
    private readonly ServiceProvider _services;

    public SqliteBench(bool durable = true, Action<EventStoreOptions>? configure = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tx-es-bench-" + Guid.NewGuid().ToString("N") + ".db");
        ConnectionString = $"Data Source={Path}";
        var services = new ServiceCollection();
        services.AddTxEventStore(o =>
        {
            o.Types.Add<Deposited>("Deposited");
            configure?.Invoke(o);
        }).UseSqlite(ConnectionString, o => o.DurableCommits = durable);
        _services = services.BuildServiceProvider();
        Store = _services.GetRequiredService<IEventStore>();
        Store.MigrateAsync().AsTask().GetAwaiter().GetResult();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public IEventStore Store { get; }

    public IEventStoreProvider Provider => Store.Provider;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static EventData[] Events(string stream, int count)
    {
        var events = new EventData[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = new EventData(new Deposited(stream, 10m + i, "ref-0001"));
        }

        return events;
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}

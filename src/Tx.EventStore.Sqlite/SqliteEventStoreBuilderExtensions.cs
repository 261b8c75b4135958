using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tx.EventStore.Sqlite;

namespace Tx.EventStore;

/// <summary>Chooses SQLite as the event store's backend.</summary>
public static class SqliteEventStoreBuilderExtensions
{
    /// <summary>Stores events in a SQLite database (created with its schema on first use).</summary>
    /// <param name="builder">The builder returned by <c>AddTxEventStore</c>.</param>
    /// <param name="connectionString">The connection string, for example <c>Data Source=data/events.db</c>.</param>
    /// <param name="configure">Configures the table prefix, schema creation and durability.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    public static ITxEventStoreBuilder UseSqlite(this ITxEventStoreBuilder builder, string connectionString, Action<SqliteEventStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOptionsWithValidateOnStart<SqliteEventStoreOptions, SqliteEventStoreOptionsValidator>()
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            });
        return builder.UseProvider(sp => new SqliteEventStoreProvider(sp.GetRequiredService<IOptions<SqliteEventStoreOptions>>().Value));
    }
}

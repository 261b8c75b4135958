using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tx.EventStore.MySql;

namespace Tx.EventStore;

/// <summary>Registers the MySQL/MariaDB provider on the event store builder.</summary>
public static class MySqlEventStoreBuilderExtensions
{
    /// <summary>Stores events in MySQL or MariaDB (replaces the in-memory default).</summary>
    /// <param name="builder">The event store builder.</param>
    /// <param name="connectionString">The MySqlConnector connection string.</param>
    /// <param name="configure">Configures further options (table prefix...).</param>
    /// <returns>The same builder.</returns>
    public static ITxEventStoreBuilder UseMySql(this ITxEventStoreBuilder builder, string connectionString, Action<MySqlEventStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOptionsWithValidateOnStart<MySqlEventStoreOptions, MySqlEventStoreOptionsValidator>()
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            });
        return builder.UseProvider(sp => new MySqlEventStoreProvider(sp.GetRequiredService<IOptions<MySqlEventStoreOptions>>().Value));
    }
}

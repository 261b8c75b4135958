using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tx.EventStore.PostgreSql;

namespace Tx.EventStore;

/// <summary>Registers the PostgreSQL provider on the event store builder.</summary>
public static class PostgreSqlEventStoreBuilderExtensions
{
    /// <summary>Stores events in PostgreSQL (replaces the in-memory default).</summary>
    /// <param name="builder">The event store builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Configures further options (schema, payload type...).</param>
    /// <returns>The same builder.</returns>
    public static ITxEventStoreBuilder UsePostgreSql(this ITxEventStoreBuilder builder, string connectionString, Action<PostgreSqlEventStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOptionsWithValidateOnStart<PostgreSqlEventStoreOptions, PostgreSqlEventStoreOptionsValidator>()
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            });
        return builder.UseProvider(sp => new PostgreSqlEventStoreProvider(sp.GetRequiredService<IOptions<PostgreSqlEventStoreOptions>>().Value));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tx.EventStore.MongoDB;

namespace Tx.EventStore;

/// <summary>Registers the MongoDB provider on the event store builder.</summary>
public static class MongoDbEventStoreBuilderExtensions
{
    /// <summary>Stores events in MongoDB (replaces the in-memory default). Requires a replica set or sharded cluster.</summary>
    /// <param name="builder">The event store builder.</param>
    /// <param name="connectionString">The MongoDB connection string.</param>
    /// <param name="configure">Configures further options (database, collection prefix...).</param>
    /// <returns>The same builder.</returns>
    public static ITxEventStoreBuilder UseMongoDB(this ITxEventStoreBuilder builder, string connectionString, Action<MongoDbEventStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOptionsWithValidateOnStart<MongoDbEventStoreOptions, MongoDbEventStoreOptionsValidator>()
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            });
        return builder.UseProvider(sp => new MongoDbEventStoreProvider(sp.GetRequiredService<IOptions<MongoDbEventStoreOptions>>().Value));
    }
}

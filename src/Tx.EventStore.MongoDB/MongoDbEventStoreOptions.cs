using System.ComponentModel.DataAnnotations;

namespace Tx.EventStore.MongoDB;

/// <summary>Options of the MongoDB event store provider.</summary>
public sealed class MongoDbEventStoreOptions
{
    /// <summary>Gets or sets the MongoDB connection string (a replica set or sharded cluster: appends use transactions).</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the database that holds the event store collections.</summary>
    /// <value>The default value is <c>tx_eventstore</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,63}$", ErrorMessage = "The database name must be 1 to 63 letters, digits, '_' or '-'.")]
    public string DatabaseName { get; set; } = "tx_eventstore";

    /// <summary>Gets or sets the prefix of the collection names (<c>{prefix}events</c>, <c>{prefix}streams</c>...).</summary>
    /// <value>The default value is <c>es_</c>.</value>
    [RegularExpression("^[A-Za-z0-9_]{0,40}$", ErrorMessage = "The collection prefix must be at most 40 letters, digits or '_'.")]
    public string CollectionPrefix { get; set; } = "es_";

    /// <summary>Gets or sets a value indicating whether the first operation of a provider instance creates the collections and indexes when missing.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AutoCreateSchema { get; set; } = true;
}

using System.ComponentModel.DataAnnotations;

namespace Tx.EventStore.PostgreSql;

/// <summary>Options of the PostgreSQL event store provider.</summary>
public sealed class PostgreSqlEventStoreOptions
{
    /// <summary>Gets or sets the Npgsql connection string.</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the PostgreSQL schema that holds the event store tables (created when missing).</summary>
    /// <value>The default value is <c>tx_eventstore</c>.</value>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "The schema must be a lower-case SQL identifier of at most 63 characters.")]
    public string Schema { get; set; } = "tx_eventstore";

    /// <summary>Gets or sets a value indicating whether the first operation of a provider instance creates the schema when missing.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AutoCreateSchema { get; set; } = true;

    /// <summary>Gets or sets the column type of event and snapshot payloads (only used when the tables are created).</summary>
    /// <value>The default value is <see cref="PostgreSqlPayloadType.Bytea"/>.</value>
    public PostgreSqlPayloadType PayloadType { get; set; } = PostgreSqlPayloadType.Bytea;

    /// <summary>
    /// Gets or sets how many statements each connection keeps prepared on the server (Npgsql automatic preparation),
    /// used when the connection string does not set <c>Max Auto Prepare</c> itself.
    /// </summary>
    /// <value>The default value is 32.</value>
    [Range(0, 10_000)]
    public int MaxAutoPrepare { get; set; } = 32;

    /// <summary>
    /// Gets or sets a value indicating whether Npgsql resets the session state of a pooled connection when the provider
    /// returns it to the pool (<c>No Reset On Close=false</c>). The provider leaves no session state behind (its locks are
    /// transaction-scoped, it changes no settings) and Npgsql still rolls back a transaction left open, so the reset is
    /// skipped by default: it would prepend seven statements (<c>RESET ALL</c>, <c>DISCARD TEMP</c>...) to the next
    /// command of every connection, which cost a PostgreSQL append about a fifth of its server time in our measurements.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ResetConnectionOnClose { get; set; }
}

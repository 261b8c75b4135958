using System.ComponentModel.DataAnnotations;

namespace Tx.EventStore.Sqlite;

/// <summary>Options of the SQLite event store provider.</summary>
public sealed class SqliteEventStoreOptions
{
    /// <summary>Gets or sets the Microsoft.Data.Sqlite connection string, for example <c>Data Source=data/events.db</c>.</summary>
    /// <value>The default value is <see cref="string.Empty"/>; it must be set.</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the prefix of the table names (letters, digits, underscore).</summary>
    /// <value>The default value is <c>tx_es_</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,40}$")]
    public string TablePrefix { get; set; } = "tx_es_";

    /// <summary>Gets or sets a value indicating whether the schema is created on first use (it can also be created with <c>MigrateAsync</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AutoCreateSchema { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether each commit is flushed to disk (<c>synchronous=FULL</c>). With
    /// <see langword="false"/> (<c>NORMAL</c> in WAL mode) a commit survives a process crash but may be lost on power failure.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DurableCommits { get; set; } = true;
}

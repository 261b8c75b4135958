using System.ComponentModel.DataAnnotations;

namespace Tx.EventStore.MySql;

/// <summary>Options of the MySQL/MariaDB event store provider.</summary>
public sealed class MySqlEventStoreOptions
{
    /// <summary>Gets or sets the MySqlConnector connection string (its database holds the tables).</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the prefix of the table names (<c>{prefix}_events</c>, <c>{prefix}_streams</c>...).</summary>
    /// <value>The default value is <c>tx_es</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,39}$", ErrorMessage = "The table prefix must be an SQL identifier of at most 40 characters.")]
    public string TablePrefix { get; set; } = "tx_es";

    /// <summary>Gets or sets a value indicating whether the first operation of a provider instance creates the tables when missing.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AutoCreateSchema { get; set; } = true;
}

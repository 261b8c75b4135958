using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.Sqlite.Ledger;

/// <summary>Options of the SQLite ledger (intent log) for the embedded mode.</summary>
public sealed class SqliteLedgerOptions
{
    /// <summary>Gets or sets the database file.</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the prefix of the ledger's tables.</summary>
    /// <value>The default value is <c>multiwrite_</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,40}$")]
    public string TablePrefix { get; set; } = "multiwrite_";
}

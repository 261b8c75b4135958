using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.MySql.Ledger;

/// <summary>Options of the MySQL ledger (intent log).</summary>
public sealed class MySqlLedgerOptions
{
    /// <summary>Gets or sets the connection string (<c>UseAffectedRows=true</c> and multiple statements are forced).</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the prefix of the ledger's tables (<c>{prefix}intents</c>, <c>{prefix}legs</c>).</summary>
    /// <value>The default value is <c>multiwrite_</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,40}$")]
    public string TablePrefix { get; set; } = "multiwrite_";
}

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

    /// <summary>
    /// Gets or sets the most intents (or outcome updates) that concurrent writers commit together in one
    /// transaction and one round trip (group commit). Every writer still awaits its own batch's commit; a lone
    /// writer is never delayed. <c>1</c> turns group commit off: every call is its own transaction.
    /// </summary>
    /// <value>The default value is 64.</value>
    [Range(1, 1_000)]
    public int MaxBatchSize { get; set; } = 64;
}

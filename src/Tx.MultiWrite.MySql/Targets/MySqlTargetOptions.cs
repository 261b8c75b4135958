using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.MySql.Targets;

/// <summary>Options of the MySQL target.</summary>
public sealed class MySqlTargetOptions
{
    /// <summary>Gets or sets the connection string (<c>UseAffectedRows=true</c> is forced: idempotency relies on it).</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the records table.</summary>
    /// <value>The default value is <c>multiwrite_records</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    public string TableName { get; set; } = "multiwrite_records";

    /// <summary>Gets or sets the audit table (the guide's <c>write_audit</c>).</summary>
    /// <value>The default value is <c>write_audit</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    public string AuditTableName { get; set; } = "write_audit";
}

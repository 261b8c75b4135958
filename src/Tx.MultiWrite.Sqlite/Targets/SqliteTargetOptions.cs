using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.Sqlite.Targets;

/// <summary>Options of the SQLite target.</summary>
public sealed class SqliteTargetOptions
{
    /// <summary>Gets or sets the database file.</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the records table.</summary>
    /// <value>The default value is <c>multiwrite_records</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    public string TableName { get; set; } = "multiwrite_records";

    /// <summary>Gets or sets the audit table.</summary>
    /// <value>The default value is <c>write_audit</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    public string AuditTableName { get; set; } = "write_audit";
}

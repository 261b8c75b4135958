using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.Spanner.Targets;

/// <summary>Options of the Spanner target (PostgreSQL interface through PGAdapter).</summary>
public sealed class SpannerTargetOptions
{
    /// <summary>Gets or sets the Npgsql connection string of PGAdapter (or of any PostgreSQL server).</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the records table.</summary>
    /// <value>The default value is <c>multiwrite_records</c>.</value>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string TableName { get; set; } = "multiwrite_records";

    /// <summary>Gets or sets the audit table.</summary>
    /// <value>The default value is <c>write_audit</c>.</value>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string AuditTableName { get; set; } = "write_audit";

    /// <summary>Gets or sets how often a transaction aborted by Spanner (SQLSTATE 40001) is re-run inside one attempt.</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 20)]
    public int AbortRetries { get; set; } = 3;
}

using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.MongoDB.Targets;

/// <summary>Options of the MongoDB target.</summary>
public sealed class MongoTargetOptions
{
    /// <summary>Gets or sets the connection string (<c>mongodb://…</c>).</summary>
    /// <value>The default value is an empty string (required).</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the database.</summary>
    /// <value>The default value is <c>multiwrite</c>.</value>
    [Required]
    public string DatabaseName { get; set; } = "multiwrite";

    /// <summary>Gets or sets the records collection.</summary>
    /// <value>The default value is <c>multiwrite_records</c>.</value>
    [Required]
    public string CollectionName { get; set; } = "multiwrite_records";

    /// <summary>Gets or sets the audit collection.</summary>
    /// <value>The default value is <c>write_audit</c>.</value>
    [Required]
    public string AuditCollectionName { get; set; } = "write_audit";
}

using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.Reconciliation;

/// <summary>Options of a reconciliation scan.</summary>
public sealed class ReconciliationOptions
{
    /// <summary>Gets or sets a value indicating whether missing records are written and stale ones tombstoned (otherwise only reported).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Repair { get; set; } = true;

    /// <summary>Gets or sets how many intents are compared per page.</summary>
    /// <value>The default value is 500.</value>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Gets or sets how many issues the report lists (counts are always complete).</summary>
    /// <value>The default value is 1,000.</value>
    [Range(0, 1_000_000)]
    public int MaxIssues { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets how young a pending leg may be before a missing record counts as drift (younger ones are
    /// still in flight).
    /// </summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan InFlightGrace { get; set; } = TimeSpan.FromMinutes(1);
}

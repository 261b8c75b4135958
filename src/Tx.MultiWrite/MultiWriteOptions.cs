using System.ComponentModel.DataAnnotations;
using Tx.MultiWrite.Compensation;

namespace Tx.MultiWrite;

/// <summary>Options of the multi-writer.</summary>
public sealed class MultiWriteOptions
{
    /// <summary>Gets or sets the largest serialized payload accepted, in bytes (UTF-8).</summary>
    /// <value>The default value is 262,144 (256 KiB).</value>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Gets or sets the longest accepted record key, in characters.</summary>
    /// <value>The default value is 200.</value>
    [Range(1, 1024)]
    public int MaxKeyLength { get; set; } = 200;

    /// <summary>
    /// Gets or sets how long the writer holds the lease on the legs of a new write while it runs their first
    /// attempt. If the writer dies, the retry worker takes the legs over once this expires. Must exceed every
    /// leg timeout.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstAttemptLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the policy of record types not listed in <see cref="RecordTypes"/>.</summary>
    /// <value>The default value is <see cref="ConsistencyPolicy.ForwardRecovery"/>.</value>
    public ConsistencyPolicy DefaultPolicy { get; set; } = ConsistencyPolicy.ForwardRecovery;

    /// <summary>Gets the per-record-type settings, by record type.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, RecordTypeOptions> RecordTypes { get; } = new Dictionary<string, RecordTypeOptions>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets a value indicating whether the outcome of a write whose legs all succeeded at the first attempt
    /// is recorded in the ledger in the background (batched with other writes' outcomes) instead of before
    /// <see cref="Writing.IMultiWriter.WriteAsync"/> returns. Either way the intent is durable before any leg runs and
    /// every leg reported as succeeded has committed in its store; deferred, a crash before the outcome is recorded
    /// only leaves the legs pending, and the retry worker re-runs them (idempotent, so nothing is duplicated) once the
    /// writer's <see cref="FirstAttemptLease"/> expires. Outcomes with a failed or unknown leg are always recorded
    /// before the call returns.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DeferOutcomeRecording { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the ledger's and targets' tables are created on first use.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateSchema { get; set; } = true;
}

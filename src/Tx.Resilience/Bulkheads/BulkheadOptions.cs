using System.ComponentModel.DataAnnotations;

namespace Tx.Resilience.Bulkheads;

/// <summary>Options of a <see cref="Bulkhead"/> pool. The defaults are the guide's: 15 concurrent calls, a queue, 30 s queue timeout.</summary>
public sealed class BulkheadOptions
{
    /// <summary>Gets or sets how many calls may run at the same time.</summary>
    /// <value>The default value is 15.</value>
    [Range(1, 100_000)]
    public int MaxConcurrency { get; set; } = 15;

    /// <summary>Gets or sets how many calls may wait for a slot; a call beyond that is rejected at once. 0 disables queueing.</summary>
    /// <value>The default value is 100.</value>
    [Range(0, 1_000_000)]
    public int MaxQueueLength { get; set; } = 100;

    /// <summary>Gets or sets how long a call may wait in the queue before it is rejected.</summary>
    /// <value>The default value is 30 seconds.</value>
#pragma warning disable IL2026 // The [OptionsValidator] source generator validates TimeSpan ranges without reflection.
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

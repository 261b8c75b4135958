using System.ComponentModel.DataAnnotations;

namespace Tx.EventStore.Subscriptions;

/// <summary>Options of one catch-up subscription (named options; the name is the subscription's name).</summary>
public sealed class SubscriptionOptions
{
    /// <summary>Gets or sets the number of events read and handed to the handler at once; the checkpoint is stored after each batch.</summary>
    /// <value>The default value is 256.</value>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Gets or sets how long a caught-up subscription waits before reading again (appends made through this process wake it at once).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long to wait before handing a failed batch to the handler again.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the position to start after when no checkpoint is stored.</summary>
    /// <value>The default value is 0 (the beginning of the log).</value>
    [Range(0, long.MaxValue)]
    public long StartAfterPosition { get; set; }
}

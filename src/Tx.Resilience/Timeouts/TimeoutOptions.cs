using System.ComponentModel.DataAnnotations;

namespace Tx.Resilience.Timeouts;

/// <summary>Options of a <see cref="TimeoutStrategy"/>.</summary>
public sealed class TimeoutOptions
{
    /// <summary>Gets or sets how long the operation may run before its token is cancelled.</summary>
    /// <value>The default value is 30 seconds (the guide's per-request timeout).</value>
#pragma warning disable IL2026 // The [OptionsValidator] source generator validates TimeSpan ranges without reflection.
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
#pragma warning restore IL2026
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

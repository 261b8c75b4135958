using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.Targets;

/// <summary>The breaker and timeout in front of one target (named options, by target name).</summary>
public sealed class TargetLegOptions
{
    /// <summary>Gets or sets how long one attempt may take. A timeout is an unknown outcome: the leg stays pending and is retried.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the failure ratio in the sampling window that opens the breaker.</summary>
    /// <value>The default value is 0.5 (the guide's 50 %).</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the number of calls in the sampling window before the ratio counts.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, int.MaxValue)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the sampling window.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the breaker stays open before it lets a probe through.</summary>
    /// <value>The default value is 30 seconds (the guide's).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

using System.ComponentModel.DataAnnotations;

namespace Tx.MultiWrite.Retrying;

/// <summary>Options of the retry worker (a hosted service that finishes pending legs and compensations).</summary>
public sealed class RetryWorkerOptions
{
    /// <summary>Gets or sets a value indicating whether the hosted retry worker runs in this process.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the worker's lease owner name.</summary>
    /// <value>The default value is <see langword="null"/>: the machine name and a random suffix.</value>
    public string? WorkerId { get; set; }

    /// <summary>Gets or sets how long the worker waits between passes when nothing was due.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many legs one pass claims.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets how many claimed legs run at once.</summary>
    /// <value>The default value is 16.</value>
    [Range(1, 1_000)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Gets or sets how long a claim lasts; a crashed worker's legs are taken over after it. Must exceed every leg timeout.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the attempts (first attempt included) after which a leg is dead-lettered.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 1_000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Gets or sets the age of a write after which a failing leg is dead-lettered.</summary>
    /// <value>The default value is 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the base of the exponential backoff: <c>delay = min(MaxDelay, BaseDelay × 2^(attempt-1)) + jitter</c>.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the backoff cap (the guide's 30 s).</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest additive jitter (0..JitterMax, the guide's).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan JitterMax { get; set; } = TimeSpan.FromSeconds(1);
}

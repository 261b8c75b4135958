using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Tx.Messaging.Consuming;

/// <summary>Options of one hosted consumer (one <c>AddTxConsumer</c> registration).</summary>
public sealed class ConsumerOptions
{
    /// <summary>Gets or sets the consumer group. Each group sees every message of its topics.</summary>
    /// <value>The default value is the group id given to <c>AddTxConsumer</c>.</value>
    [Required]
    [MinLength(1)]
    public string GroupId { get; set; } = string.Empty;

    /// <summary>Gets the topics the group subscribes to.</summary>
    /// <value>The default value is the topics given to <c>AddTxConsumer</c>.</value>
    [Required]
    [MinLength(1)]
    public IList<string> Topics { get; } = [];

    /// <summary>Gets or sets how many times a failed message is retried before it is dead-lettered.</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the base of the exponential backoff: retry n waits <c>min(max, base × 2^n) + jitter</c>.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the cap of the exponential part of the backoff.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the upper bound of the random delay added to each backoff (0 disables jitter).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryJitter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the time budget of one handler call. A call that exceeds it is cancelled and counts
    /// as a failure (retried, then dead-lettered); the partition never stays stuck behind it.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets where the group starts on partitions it has no committed offset for.</summary>
    /// <value>The default value is <see cref="AutoOffsetReset.Earliest"/>, so that nothing produced before the group's first start is missed.</value>
    public AutoOffsetReset AutoOffsetReset { get; set; } = AutoOffsetReset.Earliest;

    /// <summary>Gets or sets the serializer options used to deserialize the payloads of typed handlers.</summary>
    /// <value>The default value is <see cref="JsonSerializerOptions.Web"/>.</value>
    [Required]
    public JsonSerializerOptions SerializerOptions { get; set; } = JsonSerializerOptions.Web;
}

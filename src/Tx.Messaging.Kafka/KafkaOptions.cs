using System.ComponentModel.DataAnnotations;
using Tx.Messaging.Consuming;

namespace Tx.Messaging.Kafka;

/// <summary>Options of the Kafka transport (Confluent.Kafka / librdkafka).</summary>
/// <remarks>
/// Settings the transport's guarantees depend on are always set and cannot be overridden through
/// <see cref="ClientSettings"/>: <c>acks=all</c>, <c>enable.idempotence=true</c>,
/// <c>partitioner=murmur2_random</c> (the Java client's partitioner), <c>enable.auto.offset.store=false</c>
/// and <c>partition.assignment.strategy=cooperative-sticky</c>.
/// </remarks>
public sealed class KafkaOptions
{
    /// <summary>Gets or sets the bootstrap servers (<c>bootstrap.servers</c>), for example <c>localhost:9092</c>.</summary>
    /// <value>The default value is an empty string, which fails validation.</value>
    [Required]
    [MinLength(1)]
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Gets or sets the client id (<c>client.id</c>).</summary>
    /// <value>The default value is <c>tx-messaging</c>.</value>
    [Required]
    public string ClientId { get; set; } = "tx-messaging";

    /// <summary>
    /// Gets or sets how long a produced message may wait for delivery, retries included
    /// (<c>message.timeout.ms</c>); librdkafka's own default is 300 s.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the producer waits to fill a batch (<c>linger.ms</c>).</summary>
    /// <value>The default value is 5 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Gets or sets how many messages the producer may queue locally (<c>queue.buffering.max.messages</c>).</summary>
    /// <value>The default value is 100,000.</value>
    [Range(1, 2_147_483_647)]
    public int QueueBufferingMaxMessages { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets how long disposing the producer waits for queued messages to be delivered
    /// (<c>Flush</c>). Messages still queued afterwards are reported in the log.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the consumer session timeout (<c>session.timeout.ms</c>).</summary>
    /// <value>The default value is 45 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Gets or sets the longest gap between two polls before the member is considered failed
    /// (<c>max.poll.interval.ms</c>). It must exceed the worst case of one message: every attempt's
    /// <see cref="ConsumerOptions.HandlerTimeout"/> plus the backoffs.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how often stored offsets are committed (<c>auto.commit.interval.ms</c>); they are also committed on revoke and on close.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan AutoCommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the timeout of administrative requests (create topics, describe, offsets).</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan AdminRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets further librdkafka settings applied to producer, consumer and admin client (for example
    /// <c>security.protocol</c>, <c>sasl.mechanisms</c>), before the transport's own settings.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> ClientSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

using System.ComponentModel.DataAnnotations;

namespace Tx.EventStore.Retention;

/// <summary>
/// Retention: the oldest events of a stream are removed physically once it holds more than
/// <see cref="MaxCount"/> events or once they are older than <see cref="MaxAge"/>. Applied after each
/// append to the stream and by <see cref="IEventStore.ApplyRetentionAsync"/>.
/// </summary>
/// <remarks>
/// Retention loses history by design: use it for streams whose state is rebuilt from a snapshot or not
/// needed (notifications, telemetry), not for money movements. A subscription that lags behind retention
/// misses the removed events.
/// </remarks>
public sealed class RetentionOptions
{
    /// <summary>Gets or sets the maximum number of events kept per stream.</summary>
    /// <value>The default value is <see langword="null"/> (no limit).</value>
    [Range(1, long.MaxValue)]
    public long? MaxCount { get; set; }

    /// <summary>Gets or sets the maximum age of events kept.</summary>
    /// <value>The default value is <see langword="null"/> (no limit).</value>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Gets or sets which streams the limits apply to.</summary>
    /// <value>The default value is <see langword="null"/> (every stream).</value>
    public Func<string, bool>? AppliesTo { get; set; }

    internal bool IsActiveFor(string streamId) =>
        (MaxCount is not null || MaxAge is not null) && (AppliesTo?.Invoke(streamId) ?? true);
}

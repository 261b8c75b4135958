using System.Diagnostics;
using Confluent.Kafka;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.Kafka;

/// <summary>
/// The pending acknowledgement of one produced message, completed by librdkafka's delivery report.
/// Enqueueing with <c>Produce(topic, message, handler)</c> and this one object replaces Confluent's
/// <c>ProduceAsync</c> (an async state machine and a task shim) wrapped in an async method of ours.
/// Continuations run on the thread pool, never on librdkafka's callback thread.
/// </summary>
internal sealed class KafkaDelivery : TaskCompletionSource<DeliveryResult>
{
    private readonly string _topic;
    private readonly MessagingMetrics _metrics;
    private readonly Activity? _activity;
    private CancellationTokenRegistration _cancellation;

    public KafkaDelivery(string topic, MessagingMetrics metrics, Activity? activity)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _topic = topic;
        _metrics = metrics;
        _activity = activity;
        Handler = OnDelivered;
    }

    /// <summary>Gets the delivery handler to pass to <c>Produce</c>.</summary>
    public Action<DeliveryReport<string?, byte[]>> Handler { get; }

    /// <summary>Stops waiting when <paramref name="cancellationToken"/> is cancelled; the message may still be delivered.</summary>
    public void CancelWith(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((KafkaDelivery)state!).TrySetCanceled(token), this);
        }
    }

    public static MessageProduceException ToException(string topic, ProduceException<string?, byte[]> error) =>
        new($"Producing to '{topic}' failed: {error.Error.Code} {error.Error.Reason}", error) { Topic = topic };

    private void OnDelivered(DeliveryReport<string?, byte[]> report)
    {
        _cancellation.Dispose();
        if (report.Error.IsError)
        {
            _activity?.SetStatus(ActivityStatusCode.Error, report.Error.Reason);
            StopActivity();
            TrySetException(ToException(_topic, new ProduceException<string?, byte[]>(report.Error, report)));
            return;
        }

        StopActivity();
        _metrics.Produced(_topic);
        TrySetResult(new DeliveryResult(report.Topic, report.Partition.Value, report.Offset.Value, report.Timestamp.UtcDateTime));
    }

    private void StopActivity()
    {
        if (_activity is null)
        {
            return;
        }

        // Stopping makes the parent current on this (librdkafka's) thread: put back what it had.
        Activity? current = Activity.Current;
        _activity.Dispose();
        Activity.Current = current;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks.Sources;
using Confluent.Kafka;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.Kafka;

/// <summary>
/// The pending acknowledgement of one produced message, completed by librdkafka's delivery report and
/// awaited through a <see cref="ValueTask{TResult}"/> (no <see cref="Task"/>, no
/// <see cref="TaskCompletionSource{TResult}"/>). The object and the delivery handler it carries are reused:
/// it goes back to a small pool once the report has arrived and the result has been read. A caller that
/// never awaits (fire and forget) costs this one object and its handler, which the GC then collects.
/// Continuations run on the thread pool, never on librdkafka's callback thread.
/// </summary>
internal sealed class KafkaDelivery : IValueTaskSource<DeliveryResult>
{
    private const int MaxPooled = 1024;
    private static readonly ConcurrentQueue<KafkaDelivery> s_pool = new();
    private static int s_pooled;

    private ManualResetValueTaskSourceCore<DeliveryResult> _core = new() { RunContinuationsAsynchronously = true };
    private string _topic = string.Empty;
    private MessagingMetrics _metrics = null!;
    private Activity? _activity;
    private CancellationTokenRegistration _cancellation;

    // Two owners release it: the delivery report, and the reader of the result. The last one pools it.
    private int _owners;
    private int _completed;

    private KafkaDelivery()
    {
        Handler = OnDelivered;
    }

    /// <summary>Gets the delivery handler to pass to <c>Produce</c> (one per object, reused with it).</summary>
    public Action<DeliveryReport<string?, byte[]>> Handler { get; }

    /// <summary>Gets the task the caller awaits.</summary>
    public ValueTask<DeliveryResult> Task => new(this, _core.Version);

    public static KafkaDelivery Rent(string topic, MessagingMetrics metrics, Activity? activity)
    {
        if (s_pool.TryDequeue(out KafkaDelivery? delivery))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            delivery = new KafkaDelivery();
        }

        delivery._topic = topic;
        delivery._metrics = metrics;
        delivery._activity = activity;
        delivery._owners = 2;
        delivery._completed = 0;
        return delivery;
    }

    /// <summary>Stops waiting when <paramref name="cancellationToken"/> is cancelled; the message may still be delivered.</summary>
    public void CancelWith(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((KafkaDelivery)state!).TryComplete(default, new OperationCanceledException(token)), this);
        }
    }

    /// <summary>Drops the cancellation registration of a delivery whose message was never enqueued.</summary>
    public void Abandon()
    {
        _cancellation.Dispose();
        _cancellation = default;
    }

    public static MessageProduceException ToException(string topic, ProduceException<string?, byte[]> error) =>
        new($"Producing to '{topic}' failed: {error.Error.Code} {error.Error.Reason}", error) { Topic = topic };

    DeliveryResult IValueTaskSource<DeliveryResult>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<DeliveryResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<DeliveryResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void OnDelivered(DeliveryReport<string?, byte[]> report)
    {
        // Waits for a cancellation callback that is running, so only one of the two completes.
        _cancellation.Dispose();
        _cancellation = default;
        if (report.Error.IsError)
        {
            _activity?.SetStatus(ActivityStatusCode.Error, report.Error.Reason);
            StopActivity();
            TryComplete(default, ToException(_topic, new ProduceException<string?, byte[]>(report.Error, report)));
        }
        else
        {
            StopActivity();
            _metrics.Produced(_topic);
            TryComplete(new DeliveryResult(report.Topic, report.Partition.Value, report.Offset.Value, report.Timestamp.UtcDateTime), null);
        }

        Release();
    }

    private void TryComplete(DeliveryResult result, Exception? error)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        if (error is null)
        {
            _core.SetResult(result);
        }
        else
        {
            _core.SetException(error);
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _owners) != 0)
        {
            return;
        }

        _activity = null;
        _metrics = null!;
        _core.Reset();
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            s_pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
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
        _activity = null;
        Activity.Current = current;
    }
}

using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Tx.EventStore.Telemetry;

/// <summary>The "Tx.EventStore" meter: append duration, events appended, conflicts, subscription lag.</summary>
internal sealed class EventStoreMetrics : IDisposable
{
    public const string MeterName = "Tx.EventStore";

    private readonly Meter _meter;
    private readonly Histogram<double> _appendDuration;
    private readonly Counter<long> _eventsAppended;
    private readonly Counter<long> _conflicts;
    private readonly Gauge<long> _subscriptionLag;

    public EventStoreMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _appendDuration = _meter.CreateHistogram<double>(
            "tx.eventstore.append.duration",
            unit: "s",
            description: "Duration of appends that stored events.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        _eventsAppended = _meter.CreateCounter<long>("tx.eventstore.events.appended", unit: "{event}", description: "Events stored.");
        _conflicts = _meter.CreateCounter<long>("tx.eventstore.append.conflicts", unit: "{conflict}", description: "Appends rejected by the expected-version check.");
        _subscriptionLag = _meter.CreateGauge<long>("tx.eventstore.subscription.lag", unit: "{event}", description: "Global positions between the head of the log and a subscription's checkpoint.");
    }

    public bool SubscriptionLagEnabled => _subscriptionLag.Enabled;

    public void Appended(int count, TimeSpan duration)
    {
        _eventsAppended.Add(count);
        _appendDuration.Record(duration.TotalSeconds);
    }

    public void Conflict() => _conflicts.Add(1);

    public void SubscriptionLag(string subscription, long lag)
    {
        if (_subscriptionLag.Enabled)
        {
            RecordLagCore(subscription, lag);
        }
    }

    public void Dispose() => _meter.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordLagCore(string subscription, long lag) =>
        _subscriptionLag.Record(lag, new KeyValuePair<string, object?>("tx.eventstore.subscription", subscription));
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Tx.Cqrs.Telemetry;

/// <summary>The "Tx.Cqrs" meter: dispatch counts and durations, tagged by message type, kind and outcome.</summary>
internal sealed class CqrsMetrics : IDisposable
{
    public const string MeterName = CqrsTelemetry.Name;

    private readonly Meter _meter;
    private readonly Counter<long> _dispatches;
    private readonly Histogram<double> _duration;

    // IMeterFactory comes with every host (and AddMetrics()); without one the meter is created here, so
    // the package needs no dependency beyond the abstractions.
    public CqrsMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _dispatches = _meter.CreateCounter<long>(
            CqrsTelemetry.DispatchesInstrument,
            unit: "{message}",
            description: "Number of commands and queries dispatched.");
        _duration = _meter.CreateHistogram<double>(
            CqrsTelemetry.DurationInstrument,
            unit: "s",
            description: "Duration of command and query dispatches, middleware included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000_01, 0.000_1, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });
    }

    public bool IsEnabled
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _dispatches.Enabled || _duration.Enabled;
    }

    public void Dispose() => _meter.Dispose();

    public void RecordDispatch(string messageType, string kind, string outcome, Exception? exception, TimeSpan duration)
    {
        if (IsEnabled)
        {
            RecordDispatchCore(messageType, kind, outcome, exception, duration);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordDispatchCore(string messageType, string kind, string outcome, Exception? exception, TimeSpan duration)
    {
        var tags = new TagList
        {
            { CqrsTelemetry.MessageTypeTag, messageType },
            { CqrsTelemetry.MessageKindTag, kind },
            { CqrsTelemetry.OutcomeTag, outcome },
        };
        if (exception is not null)
        {
            tags.Add(CqrsTelemetry.ErrorTypeTag, exception.GetType().FullName);
        }

        _dispatches.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }
}

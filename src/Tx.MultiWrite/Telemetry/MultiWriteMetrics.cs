using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.Telemetry;

/// <summary>The package's instruments, built from <see cref="IMeterFactory"/> (meter <c>Tx.MultiWrite</c>).</summary>
internal sealed class MultiWriteMetrics : IDisposable
{
    public const string MeterName = MultiWriteTelemetry.MeterName;

    private readonly Meter _meter;
    private readonly Counter<long> _writes;
    private readonly Histogram<double> _writeDuration;
    private readonly Counter<long> _legAttempts;
    private readonly Histogram<double> _legDuration;
    private readonly Counter<long> _compensations;
    private long _retryQueueDepth;
    private long _deadLetters;

    public MultiWriteMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _writes = _meter.CreateCounter<long>(MultiWriteTelemetry.Writes, "{write}", "Writes accepted, by status after the first attempt.");
        _writeDuration = _meter.CreateHistogram<double>(MultiWriteTelemetry.WriteDuration, "s", "Duration of WriteAsync (intent commit + legs + outcome).");
        _legAttempts = _meter.CreateCounter<long>(MultiWriteTelemetry.LegAttempts, "{attempt}", "Leg attempts, by target and outcome.");
        _legDuration = _meter.CreateHistogram<double>(MultiWriteTelemetry.LegDuration, "s", "Duration of leg attempts, by target.");
        _compensations = _meter.CreateCounter<long>(MultiWriteTelemetry.Compensations, "{write}", "Writes compensated (all-or-nothing).");
        _meter.CreateObservableGauge(MultiWriteTelemetry.RetryQueueDepth, () => Volatile.Read(ref _retryQueueDepth), "{leg}", "Legs waiting for the retry worker (last count).");
        _meter.CreateObservableGauge(MultiWriteTelemetry.DeadLetters, () => Volatile.Read(ref _deadLetters), "{leg}", "Dead-lettered legs (last count).");
    }

    public void WriteCompleted(IntentStatus status, TimeSpan duration)
    {
        if (_writes.Enabled || _writeDuration.Enabled)
        {
            WriteCompletedCore(status, duration);
        }
    }

    public void LegAttempted(string target, string outcome, TimeSpan duration)
    {
        if (_legAttempts.Enabled || _legDuration.Enabled)
        {
            LegAttemptedCore(target, outcome, duration);
        }
    }

    public void Compensated() => _compensations.Add(1);

    public void UpdateCounts(LedgerCounts counts)
    {
        Volatile.Write(ref _retryQueueDepth, counts.PendingLegs + counts.CompensatingLegs);
        Volatile.Write(ref _deadLetters, counts.DeadLetteredLegs);
    }

    public void Dispose() => _meter.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteCompletedCore(IntentStatus status, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(MultiWriteTelemetry.StatusTag, StatusName(status));
        _writes.Add(1, tag);
        _writeDuration.Record(duration.TotalSeconds, tag);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LegAttemptedCore(string target, string outcome, TimeSpan duration)
    {
        var targetTag = new KeyValuePair<string, object?>(MultiWriteTelemetry.TargetTag, target);
        _legAttempts.Add(1, targetTag, new KeyValuePair<string, object?>(MultiWriteTelemetry.OutcomeTag, outcome));
        _legDuration.Record(duration.TotalSeconds, targetTag);
    }

    private static string StatusName(IntentStatus status) => status switch
    {
        IntentStatus.Completed => "completed",
        IntentStatus.Pending => "pending",
        IntentStatus.DeadLettered => "dead_lettered",
        IntentStatus.Compensating => "compensating",
        _ => "compensated",
    };
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Tx.MultiWrite.Telemetry;

namespace Tx.MultiWrite.Tests.Telemetry;

public sealed class MultiWriteMetricsTests
{
    [Fact]
    public async Task WriteAsync_RecordsWritesAndLegAttemptsOnTheTxMultiWriteMeter()
    {
        using var harness = new MultiWriteHarness();
        var meterFactory = harness.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var writes = new MetricCollector<long>(meterFactory, "Tx.MultiWrite", "tx.multiwrite.writes");
        using var attempts = new MetricCollector<long>(meterFactory, "Tx.MultiWrite", "tx.multiwrite.leg.attempts");
        harness.Mongo.Fault = new InvalidOperationException("down");

        await harness.Writer.WriteAsync(MultiWriteHarness.Record());

        Assert.Equal("pending", Assert.Single(writes.GetMeasurementSnapshot()).Tags[MultiWriteTelemetry.StatusTag]);
        var legs = attempts.GetMeasurementSnapshot();
        Assert.Equal(3, legs.Count);
        Assert.Contains(legs, m => (string?)m.Tags[MultiWriteTelemetry.TargetTag] == "mongodb" && (string?)m.Tags[MultiWriteTelemetry.OutcomeTag] == "failed");
        Assert.Equal(2, legs.Count(m => (string?)m.Tags[MultiWriteTelemetry.OutcomeTag] == "written"));
    }

    [Fact]
    public async Task ProcessDueAsync_PublishesRetryQueueDepthGauge()
    {
        using var harness = new MultiWriteHarness();
        var meterFactory = harness.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var depth = new MetricCollector<long>(meterFactory, "Tx.MultiWrite", "tx.multiwrite.retry_queue.depth");
        harness.Mongo.Fault = new InvalidOperationException("down");
        await harness.Writer.WriteAsync(MultiWriteHarness.Record());

        await harness.Worker.ProcessDueAsync(default);
        depth.RecordObservableInstruments();

        Assert.Equal(1, depth.LastMeasurement?.Value);
    }
}

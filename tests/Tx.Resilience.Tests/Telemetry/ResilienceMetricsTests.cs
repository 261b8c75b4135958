using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Retry;

namespace Tx.Resilience.Tests.Telemetry;

public sealed class ResilienceMetricsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _provider;
    private readonly IMeterFactory _meterFactory;

    public ResilienceMetricsTests()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddFakeLogging();
        services.AddTxResilience()
            .AddCircuitBreaker("svc", o => o.MinimumThroughput = 1)
            .AddBulkhead("pool", o =>
            {
                o.MaxConcurrency = 1;
                o.MaxQueueLength = 1;
            })
            .AddRetry("r", o => o.Jitter = JitterKind.None);
        _provider = services.BuildServiceProvider();
        _meterFactory = _provider.GetRequiredService<IMeterFactory>();
    }

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task CircuitBreaker_Transitions_RecordedWithStateNames()
    {
        using var transitions = new MetricCollector<long>(_meterFactory, "Tx.Resilience", "tx.resilience.circuit_breaker.transitions");
        using var rejections = new MetricCollector<long>(_meterFactory, "Tx.Resilience", "tx.resilience.rejections");
        using var state = new MetricCollector<int>(_meterFactory, "Tx.Resilience", "tx.resilience.circuit_breaker.state");
        CircuitBreaker breaker = _provider.GetRequiredKeyedService<CircuitBreaker>("svc");

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync<int>(static _ => throw new InvalidOperationException()).AsTask());
        await Assert.ThrowsAsync<BrokenCircuitException>(() => breaker.ExecuteAsync(static _ => ValueTask.FromResult(1)).AsTask());
        state.RecordObservableInstruments();

        CollectedMeasurement<long> opened = Assert.Single(transitions.GetMeasurementSnapshot());
        Assert.Equal("svc", opened.Tags["tx.resilience.name"]);
        Assert.Equal("CLOSED", opened.Tags["tx.resilience.circuit_breaker.from"]);
        Assert.Equal("OPEN", opened.Tags["tx.resilience.circuit_breaker.to"]);
        CollectedMeasurement<long> rejected = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal("circuit_breaker", rejected.Tags["tx.resilience.kind"]);
        Assert.Equal((int)CircuitState.Open, state.LastMeasurement!.Value);
    }

    [Fact]
    public async Task CircuitBreaker_StateChange_Logged()
    {
        CircuitBreaker breaker = _provider.GetRequiredKeyedService<CircuitBreaker>("svc");
        FakeLogCollector logs = _provider.GetFakeLogCollector();

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync<int>(static _ => throw new InvalidOperationException()).AsTask());

        FakeLogRecord record = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "CircuitOpened");
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("'svc' changed from CLOSED to OPEN", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulkhead_ActiveAndQueued_Observed()
    {
        using var active = new MetricCollector<long>(_meterFactory, "Tx.Resilience", "tx.resilience.bulkhead.active");
        using var queued = new MetricCollector<long>(_meterFactory, "Tx.Resilience", "tx.resilience.bulkhead.queued");
        using var rejections = new MetricCollector<long>(_meterFactory, "Tx.Resilience", "tx.resilience.rejections");
        Bulkhead pool = _provider.GetRequiredKeyedService<Bulkhead>("pool");
        using BulkheadLease held = await pool.AcquireAsync();
        ValueTask<BulkheadLease> waiting = pool.AcquireAsync();
        await Assert.ThrowsAsync<BulkheadRejectedException>(() => pool.AcquireAsync().AsTask());

        active.RecordObservableInstruments();
        queued.RecordObservableInstruments();

        Assert.Equal(1, active.LastMeasurement!.Value);
        Assert.Equal(1, queued.LastMeasurement!.Value);
        Assert.Equal("pool", queued.LastMeasurement.Tags["tx.resilience.name"]);
        Assert.Equal("bulkhead", Assert.Single(rejections.GetMeasurementSnapshot()).Tags["tx.resilience.kind"]);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task Retry_Attempts_Counted()
    {
        using var attempts = new MetricCollector<long>(_meterFactory, "Tx.Resilience", "tx.resilience.retry.attempts");
        RetryStrategy retry = _provider.GetRequiredKeyedService<RetryStrategy>("r");
        int calls = 0;

        Task<int> running = retry.ExecuteAsync(_ => ++calls < 3 ? throw new TimeoutException() : ValueTask.FromResult(calls)).AsTask();
        while (!running.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        Assert.Equal(3, await running);
        Assert.Equal([1, 2], attempts.GetMeasurementSnapshot().Select(m => (int)m.Tags["tx.resilience.retry.attempt"]!));
    }
}

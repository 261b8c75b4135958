using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Benchmarks;

/// <summary>
/// One write to three legs with injected latencies 5 / 10 / 20 ms and the intent log in MariaDB, against the
/// slowest leg alone. Goal: median ≤ 1.2 × slowest leg + intent commit (measured here too). The write runs twice:
/// with the outcome recorded before the call returns, and recorded in the background (the default).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class LegLatencyBenchmark
{
    private readonly BenchmarkStores _stores = new();
    private readonly DelayedTarget _slowest = new("slowest", TimeSpan.FromMilliseconds(20));
    private ServiceProvider? _provider;
    private IMultiWriter? _writer;
    private ServiceProvider? _deferredProvider;
    private IMultiWriter? _deferred;
    private IWriteLedger? _ledger;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _stores.Create();
        var services = new ServiceCollection();
        services.AddTxMultiWrite(o => o.DeferOutcomeRecording = false)
            .UseMySqlLedger(_stores.MySql)
            .AddTarget("a", _ => new DelayedTarget("a", TimeSpan.FromMilliseconds(5)))
            .AddTarget("b", _ => new DelayedTarget("b", TimeSpan.FromMilliseconds(10)))
            .AddTarget("c", _ => new DelayedTarget("c", TimeSpan.FromMilliseconds(20)))
            .ConfigureRetryWorker(o => o.Enabled = false);
        _provider = services.BuildServiceProvider();
        _writer = _provider.GetRequiredService<IMultiWriter>();
        _ledger = _provider.GetRequiredService<IWriteLedger>();
        _writer.WriteAsync(new MultiWriteRecord("transactions", "warm-up", new { amount = 1 })).GetAwaiter().GetResult();
        var deferred = new ServiceCollection();
        deferred.AddTxMultiWrite(o => o.DeferOutcomeRecording = true)
            .UseMySqlLedger(_stores.MySql)
            .AddTarget("a", _ => new DelayedTarget("a", TimeSpan.FromMilliseconds(5)))
            .AddTarget("b", _ => new DelayedTarget("b", TimeSpan.FromMilliseconds(10)))
            .AddTarget("c", _ => new DelayedTarget("c", TimeSpan.FromMilliseconds(20)))
            .ConfigureRetryWorker(o => o.Enabled = false);
        _deferredProvider = deferred.BuildServiceProvider();
        _deferred = _deferredProvider.GetRequiredService<IMultiWriter>();
        _deferred.WriteAsync(new MultiWriteRecord("transactions", "warm-up-2", new { amount = 1 })).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _deferredProvider?.Dispose();
        _stores.Drop();
    }

    [Benchmark(Baseline = true, Description = "slowest leg alone (20 ms)")]
    public Task<TargetWriteOutcome> SlowestLegAlone() => _slowest.WriteAsync(null!, CancellationToken.None);

    [Benchmark(Description = "intent commit + outcome update (MariaDB)")]
    public async Task IntentCommit()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var intent = new WriteIntent(Guid.CreateVersion7(), "transactions", "k" + Interlocked.Increment(ref _i), """{"amount":1}""", new string('a', 64), ConsistencyPolicy.ForwardRecovery, false, now,
            [new LegEntry("a", LegState.Pending, 0, now, null), new LegEntry("b", LegState.Pending, 0, now, null), new LegEntry("c", LegState.Pending, 0, now, null)]);
        await _ledger!.TryCreateAsync(intent, "bench", now.AddSeconds(30), CancellationToken.None);
        await _ledger.UpdateLegsAsync(intent.WriteId, [.. intent.Legs.Select(l => new LegUpdate(l.Target, LegState.Pending, LegState.Succeeded, 1, now, null))], CancellationToken.None);
    }

    [Benchmark(Description = "3-leg write 5/10/20 ms + MariaDB intent log")] // outcome recorded before the call returns
    public Task<MultiWriteResult> ThreeLegWrite() =>
        _writer!.WriteAsync(new MultiWriteRecord("transactions", "k" + Interlocked.Increment(ref _i), new { amount = 12.5m, currency = "EUR" }));

    [Benchmark(Description = "same, outcome recorded in the background")]
    public Task<MultiWriteResult> ThreeLegWriteDeferred() =>
        _deferred!.WriteAsync(new MultiWriteRecord("transactions", "d" + Interlocked.Increment(ref _i), new { amount = 12.5m, currency = "EUR" }));
}

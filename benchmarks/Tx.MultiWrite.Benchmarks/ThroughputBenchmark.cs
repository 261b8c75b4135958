using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Benchmarks;

/// <summary>
/// Writes per second with MariaDB + PostgreSQL (Spanner-PG SQL) + SQLite legs and 16 concurrent writers: the
/// multi-writer (intent log in MariaDB, breakers, timeouts, outcome recording) against a naive parallel write
/// of the same three legs with no intent log. Goal: ≥ 0.67 × naive (time ratio ≤ 1.5). Three writer variants run
/// in the same process against the same databases: group commit with the outcome recorded before the call returns,
/// group commit with the outcome recorded in the background (the default), and group commit off
/// (<c>MaxBatchSize = 1</c>, outcome awaited: one transaction per intent and per outcome, as before session 3).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ThroughputBenchmark
{
    private const int Writers = 16;
    private const int WritesPerWriter = 25;
    private readonly BenchmarkStores _stores = new();
    private readonly List<ServiceProvider> _providers = [];
    private IMultiWriter? _groupCommit;
    private IMultiWriter? _deferred;
    private IMultiWriter? _unbatched;
    private IWriteTarget[] _targets = [];
    private long _i;

    [GlobalSetup]
    public void Setup()
    {
        _stores.Create();
        _groupCommit = Build(maxBatchSize: 64, defer: false);
        _deferred = Build(maxBatchSize: 64, defer: true);
        _unbatched = Build(maxBatchSize: 1, defer: false);
        _targets = [.. _providers[0].GetRequiredService<LegSet>().Legs.Select(l => l.Target)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }

        _stores.Drop();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Writers * WritesPerWriter, Description = "naive parallel write, no intent log")]
    public Task NaiveParallelWrite() => RunAsync(async () =>
    {
        long i = Interlocked.Increment(ref _i);
        string payload = $$"""{"amount":{{i}},"currency":"EUR"}""";
        var record = new TargetRecord(Guid.CreateVersion7(), "transactions", "n" + i, payload, RecordHash.Compute("transactions", "n" + i, payload), DateTimeOffset.UtcNow);
        await Task.WhenAll(_targets.Select(t => t.WriteAsync(record, CancellationToken.None)));
    });

    [Benchmark(OperationsPerInvoke = Writers * WritesPerWriter, Description = "group commit, outcome awaited")]
    public Task MultiWriter() => RunAsync(async () =>
    {
        long i = Interlocked.Increment(ref _i);
        await _groupCommit!.WriteAsync(new MultiWriteRecord("transactions", "m" + i, new { amount = i, currency = "EUR" }));
    });

    [Benchmark(OperationsPerInvoke = Writers * WritesPerWriter, Description = "group commit + outcome in background (default)")]
    public Task MultiWriterDeferred() => RunAsync(async () =>
    {
        long i = Interlocked.Increment(ref _i);
        await _deferred!.WriteAsync(new MultiWriteRecord("transactions", "d" + i, new { amount = i, currency = "EUR" }));
    });

    [Benchmark(OperationsPerInvoke = Writers * WritesPerWriter, Description = "group commit off (MaxBatchSize = 1)")]
    public Task MultiWriterUnbatched() => RunAsync(async () =>
    {
        long i = Interlocked.Increment(ref _i);
        await _unbatched!.WriteAsync(new MultiWriteRecord("transactions", "u" + i, new { amount = i, currency = "EUR" }));
    });

    private static Task RunAsync(Func<Task> write) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (int n = 0; n < WritesPerWriter; n++)
            {
                await write();
            }
        })));

    private IMultiWriter Build(int maxBatchSize, bool defer)
    {
        var services = new ServiceCollection();
        services.AddTxMultiWrite(o => o.DeferOutcomeRecording = defer)
            .UseMySqlLedger(_stores.MySql, o => o.MaxBatchSize = maxBatchSize)
            .AddMySqlTarget(_stores.MySql)
            .AddSpannerTarget(_stores.Postgres)
            .AddSqliteTarget(_stores.SqlitePath)
            .ConfigureRetryWorker(o => o.Enabled = false);
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        IMultiWriter writer = provider.GetRequiredService<IMultiWriter>();
        writer.WriteAsync(new MultiWriteRecord("transactions", $"warm-up-{maxBatchSize}-{defer}", new { amount = 1 })).GetAwaiter().GetResult();
        return writer;
    }
}

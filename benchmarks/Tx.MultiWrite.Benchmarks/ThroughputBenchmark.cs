using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Benchmarks;

/// <summary>
/// Writes per second with MariaDB + PostgreSQL (Spanner-PG SQL) + SQLite legs and 16 concurrent writers: the
/// multi-writer (intent log in MariaDB, breakers, timeouts, outcome recording) against a naive parallel write
/// of the same three legs with no intent log. Goal: ≥ 0.67 × naive (time ratio ≤ 1.5). A third case runs the same
/// writer with the ledger's group commit off (<c>MaxBatchSize = 1</c>: one transaction per intent and per outcome).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ThroughputBenchmark
{
    private const int Writers = 16;
    private const int WritesPerWriter = 25;
    private readonly BenchmarkStores _stores = new();
    private ServiceProvider? _provider;
    private IMultiWriter? _writer;
    private ServiceProvider? _unbatchedProvider;
    private IMultiWriter? _unbatched;
    private IWriteTarget[] _targets = [];
    private long _i;

    [GlobalSetup]
    public void Setup()
    {
        _stores.Create();
        var services = new ServiceCollection();
        services.AddTxMultiWrite()
            .UseMySqlLedger(_stores.MySql)
            .AddMySqlTarget(_stores.MySql)
            .AddSpannerTarget(_stores.Postgres)
            .AddSqliteTarget(_stores.SqlitePath)
            .ConfigureRetryWorker(o => o.Enabled = false);
        _provider = services.BuildServiceProvider();
        _writer = _provider.GetRequiredService<IMultiWriter>();
        _writer.WriteAsync(new MultiWriteRecord("transactions", "warm-up", new { amount = 1 })).GetAwaiter().GetResult();
        var unbatched = new ServiceCollection();
        unbatched.AddTxMultiWrite()
            .UseMySqlLedger(_stores.MySql, o => o.MaxBatchSize = 1)
            .AddMySqlTarget(_stores.MySql)
            .AddSpannerTarget(_stores.Postgres)
            .AddSqliteTarget(_stores.SqlitePath)
            .ConfigureRetryWorker(o => o.Enabled = false);
        _unbatchedProvider = unbatched.BuildServiceProvider();
        _unbatched = _unbatchedProvider.GetRequiredService<IMultiWriter>();
        _unbatched.WriteAsync(new MultiWriteRecord("transactions", "warm-up-2", new { amount = 1 })).GetAwaiter().GetResult();
        _targets = [.. _provider.GetRequiredService<LegSet>().Legs.Select(l => l.Target)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _unbatchedProvider?.Dispose();
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

    [Benchmark(OperationsPerInvoke = Writers * WritesPerWriter, Description = "Tx.MultiWrite (MariaDB intent log, group commit)")]
    public Task MultiWriter() => RunAsync(async () =>
    {
        long i = Interlocked.Increment(ref _i);
        await _writer!.WriteAsync(new MultiWriteRecord("transactions", "m" + i, new { amount = i, currency = "EUR" }));
    });

    [Benchmark(OperationsPerInvoke = Writers * WritesPerWriter, Description = "Tx.MultiWrite, group commit off (MaxBatchSize = 1)")]
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
}

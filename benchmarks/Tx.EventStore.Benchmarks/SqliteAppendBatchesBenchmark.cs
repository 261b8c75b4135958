using BenchmarkDotNet.Attributes;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Benchmarks;

/// <summary>100,000 events in batches of 100 (1,000 commits of 100 events to new streams). Mean = per event.</summary>
[MemoryDiagnoser]
public class SqliteAppendBatchesBenchmark
{
    private const int Batches = 1000;
    private const int BatchSize = 100;
    private SqliteBench _bench = null!;
    private RawSqlite _raw = null!;
    private int _round;

    /// <summary>Gets or sets a value indicating whether commits are fsynced; the durable cost is measured by the new-streams benchmark.</summary>
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = new SqliteBench(Durable);
        _raw = new RawSqlite(Durable);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bench.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batches * BatchSize)]
    public void RawSql()
    {
        int round = _round++;
        for (int b = 0; b < Batches; b++)
        {
            _raw.Append($"raw-{round}-{b}", 0, BatchSize);
        }
    }

    [Benchmark(OperationsPerInvoke = Batches * BatchSize)]
    public async Task TxEventStore()
    {
        int round = _round++;
        for (int b = 0; b < Batches; b++)
        {
            string stream = $"batch-{round}-{b}";
            await _bench.Store.AppendAsync(stream, ExpectedVersion.NoStream, SqliteBench.Events(stream, BatchSize));
        }
    }
}

using BenchmarkDotNet.Attributes;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Benchmarks;

/// <summary>1,000 new streams × 10 events, one commit each. Mean = time per event (events/s = 1 / mean).</summary>
[MemoryDiagnoser]
public class SqliteAppendNewStreamsBenchmark
{
    private const int Streams = 1000;
    private const int EventsPerStream = 10;
    private SqliteBench _bench = null!;
    private RawSqlite _raw = null!;
    private int _round;

    [Params(true, false)]
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

    [Benchmark(Baseline = true, OperationsPerInvoke = Streams * EventsPerStream)]
    public void RawSql()
    {
        int round = _round++;
        for (int s = 0; s < Streams; s++)
        {
            _raw.Append($"raw-{round}-{s}", 0, EventsPerStream);
        }
    }

    [Benchmark(OperationsPerInvoke = Streams * EventsPerStream)]
    public async Task TxEventStore()
    {
        int round = _round++;
        for (int s = 0; s < Streams; s++)
        {
            string stream = $"acc-{round}-{s}";
            await _bench.Store.AppendAsync(stream, ExpectedVersion.NoStream, SqliteBench.Events(stream, EventsPerStream));
        }
    }
}

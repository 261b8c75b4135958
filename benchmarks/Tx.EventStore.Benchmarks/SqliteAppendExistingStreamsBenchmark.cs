using BenchmarkDotNet.Attributes;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Benchmarks;

/// <summary>+10 events to each of 1,000 existing streams with the exact expected version, one commit each. Mean = per event.</summary>
[MemoryDiagnoser]
public class SqliteAppendExistingStreamsBenchmark
{
    private const int Streams = 1000;
    private const int EventsPerAppend = 10;
    private SqliteBench _bench = null!;
    private RawSqlite _raw = null!;
    private long[] _versions = null!;
    private long[] _rawVersions = null!;

    /// <summary>Gets or sets a value indicating whether commits are fsynced; the durable cost is measured by the new-streams benchmark.</summary>
    public bool Durable { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = new SqliteBench(Durable);
        _raw = new RawSqlite(Durable);
        _versions = new long[Streams];
        _rawVersions = new long[Streams];
        for (int s = 0; s < Streams; s++)
        {
            _versions[s] = (await _bench.Store.AppendAsync("acc-" + s, ExpectedVersion.NoStream, SqliteBench.Events("acc-" + s, EventsPerAppend))).StreamVersion;
            _raw.Append("acc-" + s, 0, EventsPerAppend);
            _rawVersions[s] = EventsPerAppend;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bench.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Streams * EventsPerAppend)]
    public void RawSql()
    {
        for (int s = 0; s < Streams; s++)
        {
            _raw.Append("acc-" + s, _rawVersions[s], EventsPerAppend);
            _rawVersions[s] += EventsPerAppend;
        }
    }

    [Benchmark(OperationsPerInvoke = Streams * EventsPerAppend)]
    public async Task TxEventStore()
    {
        for (int s = 0; s < Streams; s++)
        {
            string stream = "acc-" + s;
            _versions[s] = (await _bench.Store.AppendAsync(stream, ExpectedVersion.Exact(_versions[s]), SqliteBench.Events(stream, EventsPerAppend))).StreamVersion;
        }
    }
}

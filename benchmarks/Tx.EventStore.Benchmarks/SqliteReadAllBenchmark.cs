using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Benchmarks;

/// <summary>Read 100,000 events in global order, pages of 1,000. Mean = per event.</summary>
[MemoryDiagnoser]
public class SqliteReadAllBenchmark
{
    private const int Total = 100_000;
    private SqliteBench _bench = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = new SqliteBench(durable: false);
        for (int b = 0; b < Total / 100; b++)
        {
            await _bench.Store.AppendAsync("s-" + (b % 97), ExpectedVersion.Any, SqliteBench.Events("s", 100));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Total)]
    public long RawSql()
    {
        using var connection = new SqliteConnection(_bench.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, stream_id, version, type, data FROM tx_es_events WHERE position > $p ORDER BY position LIMIT 1000";
        var parameter = command.Parameters.Add(new SqliteParameter("$p", 0L));
        long position = 0;
        long sum = 0;
        while (true)
        {
            parameter.Value = position;
            int rows = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                position = reader.GetInt64(0);
                sum += reader.GetString(1).Length + reader.GetInt64(2) + reader.GetString(3).Length + reader.GetFieldValue<byte[]>(4).Length;
                rows++;
            }

            if (rows == 0)
            {
                return sum;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Total)]
    public async Task<long> TxEventStore()
    {
        long position = 0;
        long count = 0;
        while (true)
        {
            var page = await _bench.Store.ReadAllAsync(position, 1000);
            if (page.Count == 0)
            {
                return count;
            }

            count += page.Count;
            position = page[^1].Position;
        }
    }

    [Benchmark(OperationsPerInvoke = Total)]
    public async Task<decimal> TxEventStore_Deserialized()
    {
        long position = 0;
        decimal sum = 0;
        while (true)
        {
            var page = await _bench.Store.ReadAllAsync(position, 1000);
            if (page.Count == 0)
            {
                return sum;
            }

            foreach (var e in page)
            {
                sum += ((Deposited)_bench.Store.Deserialize(e)).Amount;
            }

            position = page[^1].Position;
        }
    }
}
